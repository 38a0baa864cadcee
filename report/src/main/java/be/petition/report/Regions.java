package be.petition.report;

import java.util.List;
import java.util.Map;

/** The provinces and regions of Belgium as the counts name them (ISO 3166-2), and their roll-ups. */
public final class Regions {
    public static final String FLANDERS = "BE-VLG";
    public static final String WALLONIA = "BE-WAL";
    public static final String BRUSSELS = "BE-BRU";
    /** In Belgium, province unknown (e.g. a mobile number). */
    public static final String BELGIUM_UNKNOWN = "BE";
    public static final String UNKNOWN = "ZZ";
    /** Report-only bucket: every country code other than BE. */
    public static final String ABROAD = "ABROAD";

    /** The map's areas: ten provinces and Brussels, in the report's order. */
    public static final List<String> PROVINCES = List.of("BE-VAN", "BE-VBR", "BE-VLI", "BE-VOV", "BE-VWV",
            "BE-WBR", "BE-WHT", "BE-WLG", "BE-WLX", "BE-WNA", BRUSSELS);

    /** Rows of the region table, summing to the week's total. */
    public static final List<String> REPORT_REGIONS = List.of(FLANDERS, WALLONIA, BRUSSELS, BELGIUM_UNKNOWN, ABROAD,
            UNKNOWN);

    private static final Map<String, String> REGION_OF = Map.ofEntries(
            Map.entry("BE-VAN", FLANDERS), Map.entry("BE-VBR", FLANDERS), Map.entry("BE-VLI", FLANDERS),
            Map.entry("BE-VOV", FLANDERS), Map.entry("BE-VWV", FLANDERS),
            Map.entry("BE-WBR", WALLONIA), Map.entry("BE-WHT", WALLONIA), Map.entry("BE-WLG", WALLONIA),
            Map.entry("BE-WLX", WALLONIA), Map.entry("BE-WNA", WALLONIA), Map.entry(BRUSSELS, BRUSSELS));

    private Regions() {
    }

    /** The report region of a count's region code: a roll-up, BE, ABROAD or ZZ. */
    public static String reportRegion(String code) {
        String region = REGION_OF.get(code);
        if (region != null) {
            return region;
        }
        if (code.equals(BELGIUM_UNKNOWN)) {
            return BELGIUM_UNKNOWN;
        }
        return code.length() == 2 && !code.equals(UNKNOWN) ? ABROAD : UNKNOWN;
    }
}
