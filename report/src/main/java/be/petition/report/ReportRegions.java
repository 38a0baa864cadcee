package be.petition.report;

import be.petition.geography.Regions;
import java.util.List;

/**
 * The rows of the report's region table: the roll-ups of {@link Regions}, {@code BE}, every other country as one
 * report-only {@link #ABROAD} row, and {@code ZZ}.
 */
public final class ReportRegions {
    /** Report-only bucket: every country code other than BE. */
    public static final String ABROAD = "ABROAD";

    /** Rows of the region table, summing to the week's total. */
    public static final List<String> REPORT_REGIONS = List.of(Regions.FLANDERS, Regions.WALLONIA, Regions.BRUSSELS,
            Regions.BELGIUM, ABROAD, Regions.UNKNOWN);

    private ReportRegions() {
    }

    /** The report region of a count's region code: a roll-up, BE, ABROAD or ZZ. */
    public static String reportRegion(String code) {
        String region = Regions.rollUp(code);
        if (region != null) {
            return region;
        }
        if (code.equals(Regions.BELGIUM)) {
            return Regions.BELGIUM;
        }
        return code.length() == 2 && !code.equals(Regions.UNKNOWN) ? ABROAD : Regions.UNKNOWN;
    }
}
