package be.petition.geography;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The region codes a signature may carry and their roll-ups (DESIGN.md "Regions"), the one copy every module uses.
 *
 * <p>A signature's region is one of: a province (ISO 3166-2:BE, {@link #PROVINCES}), {@link #BRUSSELS} (a region,
 * not a province), {@link #BELGIUM} (in Belgium, province unknown), an ISO 3166-1 alpha-2 country code, or
 * {@link #UNKNOWN}. Provinces and Brussels roll up to {@link #FLANDERS}, {@link #WALLONIA} and {@link #BRUSSELS}.
 */
public final class Regions {
    public static final String ANTWERP = "BE-VAN";
    public static final String FLEMISH_BRABANT = "BE-VBR";
    public static final String LIMBURG = "BE-VLI";
    public static final String EAST_FLANDERS = "BE-VOV";
    public static final String WEST_FLANDERS = "BE-VWV";
    public static final String WALLOON_BRABANT = "BE-WBR";
    public static final String HAINAUT = "BE-WHT";
    public static final String LIEGE = "BE-WLG";
    public static final String LUXEMBOURG = "BE-WLX";
    public static final String NAMUR = "BE-WNA";
    /** The Brussels-Capital Region: both a signature's region and its own roll-up; not a province. */
    public static final String BRUSSELS = "BE-BRU";
    /** In Belgium, province unknown (e.g. a mobile number). Also the ISO 3166-1 code of Belgium. */
    public static final String BELGIUM = "BE";
    /** Unknown region. */
    public static final String UNKNOWN = "ZZ";

    /** Roll-up of the five Flemish provinces; never a signature's region. */
    public static final String FLANDERS = "BE-VLG";
    /** Roll-up of the five Walloon provinces; never a signature's region. */
    public static final String WALLONIA = "BE-WAL";

    /** The five provinces that roll up to {@link #FLANDERS}. */
    public static final List<String> FLEMISH_PROVINCES = List.of(ANTWERP, FLEMISH_BRABANT, LIMBURG, EAST_FLANDERS,
            WEST_FLANDERS);
    /** The five provinces that roll up to {@link #WALLONIA}. */
    public static final List<String> WALLOON_PROVINCES = List.of(WALLOON_BRABANT, HAINAUT, LIEGE, LUXEMBOURG, NAMUR);
    /** The ten provinces, in code order; without Brussels, which is not a province. */
    public static final List<String> PROVINCES = concat(FLEMISH_PROVINCES, WALLOON_PROVINCES);
    /** The ten provinces and then Brussels: every area of the map of Belgium. */
    public static final List<String> BELGIAN_AREAS = concat(PROVINCES, List.of(BRUSSELS));
    /** The roll-ups, in the order they are reported. */
    public static final List<String> ROLL_UPS = List.of(FLANDERS, WALLONIA, BRUSSELS);

    private static final Set<String> AREAS = Set.copyOf(BELGIAN_AREAS);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Regions() {
    }

    /** A province, Brussels, BE, an ISO 3166-1 alpha-2 country, or ZZ (exactly, upper case); never a roll-up. */
    public static boolean isKnown(String code) {
        return code != null && (AREAS.contains(code) || BELGIUM.equals(code) || UNKNOWN.equals(code)
                || COUNTRIES.contains(code));
    }

    /** {@link #FLANDERS}, {@link #WALLONIA} or {@link #BRUSSELS}; null for any other code (BE, a country, ZZ...). */
    public static String rollUp(String code) {
        if (code == null) {
            return null;
        }
        if (FLEMISH_PROVINCES.contains(code)) {
            return FLANDERS;
        }
        if (WALLOON_PROVINCES.contains(code)) {
            return WALLONIA;
        }
        return BRUSSELS.equals(code) ? BRUSSELS : null;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
