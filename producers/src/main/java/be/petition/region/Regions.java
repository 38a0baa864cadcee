package be.petition.region;

import java.util.List;

/** Region codes (DESIGN.md "Regions"): ISO 3166-2:BE provinces and Brussels, {@code BE}, a country, or {@code ZZ}. */
public final class Regions {
    public static final String BRUSSELS = "BE-BRU";
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
    /** In Belgium, province unknown (e.g. a mobile number). */
    public static final String BELGIUM = "BE";
    public static final String UNKNOWN = "ZZ";

    /** Brussels and the ten provinces. */
    public static final List<String> PROVINCES = List.of(BRUSSELS, ANTWERP, FLEMISH_BRABANT, LIMBURG, EAST_FLANDERS,
            WEST_FLANDERS, WALLOON_BRABANT, HAINAUT, LIEGE, LUXEMBOURG, NAMUR);

    private Regions() {
    }
}
