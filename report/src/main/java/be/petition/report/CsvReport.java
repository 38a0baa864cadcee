package be.petition.report;

import be.petition.geography.Regions;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind the report for the data team: one row per day, channel and region, exact counts (the
 * small-count rule is for the published report). Columns are stable English names; {@code region_name} is in the
 * report's language. A preliminary report's files add a last column {@code status}, {@code preliminary} on every
 * row, so that no row of an unfinished week is taken for a final count (the first five columns stay the same).
 */
final class CsvReport {
    static final String HEADER = "day,channel,region,region_name,count";
    static final String PRELIMINARY_HEADER = HEADER + ",status";
    static final String PRELIMINARY = "preliminary";

    private CsvReport() {
    }

    static String render(List<DayCount> rows, Texts texts, boolean preliminary) {
        String status = preliminary ? "," + PRELIMINARY : "";
        StringBuilder csv = new StringBuilder(preliminary ? PRELIMINARY_HEADER : HEADER).append("\r\n");
        for (DayCount row : rows) {
            csv.append(row.day()).append(',').append(row.channel()).append(',').append(field(row.region())).append(',')
                    .append(field(regionName(row.region(), texts))).append(',').append(row.count()).append(status)
                    .append("\r\n");
        }
        return csv.toString();
    }

    /** Header of the confirmation funnel's file; a preliminary report's adds {@code status} as the others do. */
    static final String FUNNEL_HEADER = "step,count";

    /**
     * The confirmation funnel for the data team, one row per step ({@code pending} = links mailed, {@code confirmed},
     * {@code expired}, {@code invalid}, {@code mail_failed}), exact counts summed over the gateways read since each
     * one's last start, then {@code gateways_read} and {@code gateways_unreadable} so that a sum over fewer gateways
     * than there are is not taken for the whole. No step rows when no gateway could be read.
     */
    static String renderFunnel(ConfirmationFunnel funnel, boolean preliminary) {
        String status = preliminary ? "," + PRELIMINARY : "";
        StringBuilder csv = new StringBuilder(FUNNEL_HEADER).append(preliminary ? ",status" : "").append("\r\n");
        if (funnel.hasFigures()) {
            ConfirmationFunnel.Counts counts = funnel.counts();
            for (var step : List.of(Map.entry("pending", counts.pending()),
                    Map.entry("confirmed", counts.confirmed()), Map.entry("expired", counts.expired()),
                    Map.entry("invalid", counts.invalid()),
                    Map.entry("mail_failed", counts.mailsFailed()))) {
                csv.append(step.getKey()).append(',').append(step.getValue()).append(status).append("\r\n");
            }
        }
        csv.append("gateways_read,").append(funnel.read().size()).append(status).append("\r\n");
        csv.append("gateways_unreadable,").append(funnel.unreadable().size()).append(status).append("\r\n");
        return csv.toString();
    }

    private static String regionName(String region, Texts texts) {
        String reportRegion = ReportRegions.reportRegion(region);
        if (reportRegion.equals(ReportRegions.ABROAD)) {
            return texts.area(ReportRegions.ABROAD) + " (" + region + ")";
        }
        return reportRegion.equals(Regions.UNKNOWN) ? texts.area(Regions.UNKNOWN) : texts.area(region);
    }

    /**
     * A text cell as a spreadsheet reads it as text (OWASP, CSV injection): one starting with {@code = + - @}, tab or
     * CR gets a leading {@code '}, so that a region the query API answers is never run as a formula; then RFC 4180
     * quoting.
     */
    static String field(String value) {
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
