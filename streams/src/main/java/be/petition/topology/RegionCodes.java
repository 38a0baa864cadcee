package be.petition.topology;

import java.util.Locale;
import java.util.Set;

/** The region codes a signature may carry (DESIGN.md, Regions). */
public final class RegionCodes {
    public static final Set<String> PROVINCES = Set.of("BE-VAN", "BE-VBR", "BE-VLI", "BE-VOV", "BE-VWV",
            "BE-WBR", "BE-WHT", "BE-WLG", "BE-WLX", "BE-WNA");
    public static final String BRUSSELS = "BE-BRU";
    /** In Belgium, province unknown (e.g. a mobile number). */
    public static final String BELGIUM = "BE";
    public static final String UNKNOWN = "ZZ";

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private RegionCodes() {
    }

    /** A province, Brussels, BE, an ISO 3166-1 alpha-2 country, or ZZ. */
    public static boolean isKnown(String code) {
        return code != null && (PROVINCES.contains(code) || BRUSSELS.equals(code) || UNKNOWN.equals(code)
                || COUNTRIES.contains(code));
    }
}
