package be.petition.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/history}: without a grouping one row per bucket of {@code [from, to)}, zero-filled; with one, one row
 * per non-zero bucket and group. Also written as CSV.
 */
public record History(String campaign, Bucket bucket, String from, String to, Grouping by, long total,
                      List<Row> rows, boolean stale) implements Answer {
    /** One bucket's count, of one group when grouped ({@code channel} or {@code region} null when not grouped by). */
    public record Row(String time, String channel, String region, long count) {
    }

    @Override
    public Map<String, Object> json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign", campaign);
        fields.put("bucket", bucket.parameter());
        fields.put("from", from);
        fields.put("to", to);
        if (by != null) {
            fields.put("by", by.parameter());
        }
        fields.put("total", total);
        fields.put("counts", jsonRows());
        return fields;
    }

    /** {@code [{hour|day, channel?, region?, count}]}. */
    public List<Map<String, Object>> jsonRows() {
        return rows.stream().map(row -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put(bucket.parameter(), row.time());
            json.putAll(new CountRow(row.channel(), row.region(), row.count()).json());
            return json;
        }).toList();
    }

    /**
     * A header line {@code hour|day[,channel][,region],count}, then one line per row; CRLF line ends. Text cells are
     * made safe for spreadsheets ({@link #cell}); the count stays a plain number.
     */
    public String csv() {
        StringBuilder out = new StringBuilder(String.join(",", columns(bucket.parameter(), "channel", "region",
                "count"))).append("\r\n");
        for (Row row : rows) {
            out.append(String.join(",", columns(cell(row.time()), cell(row.channel()), cell(row.region()),
                    String.valueOf(row.count())))).append("\r\n");
        }
        return out.toString();
    }

    /**
     * A text cell as a spreadsheet reads it as text (OWASP, CSV injection): one starting with {@code = + - @}, tab or
     * CR gets a leading {@code '} so it is never a formula; one with a comma, quote or line end is quoted (RFC 4180).
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** The columns this answer has: the channel and region only when grouped by them. */
    private List<String> columns(String time, String channel, String region, String count) {
        List<String> columns = new ArrayList<>();
        columns.add(time);
        if (by != null && by.hasChannel()) {
            columns.add(channel);
        }
        if (by != null && by.hasRegion()) {
            columns.add(region);
        }
        columns.add(count);
        return columns;
    }
}
