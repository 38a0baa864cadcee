package be.petition.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An audit's result as a table for people, or as one line of JSON for scripts. */
final class AuditReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Differences listed in the table at most; the JSON and the totals have them all. */
    static final int MAX_ROWS = 200;

    private AuditReport() {
    }

    static String text(AuditResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Recounted %,d records (%,d signers) from the raw topics in %.1f s"
                        + " (%,.0f records/s)%n", result.records(), result.signers(), result.readSeconds(),
                result.recordsPerSecond()));
        result.recountTotal().forEach((campaign, total) -> out.append(String.format(Locale.ROOT,
                "%s: recount %,d signatures, live %,d%n", campaign, total, result.liveTotal().get(campaign))));
        if (!result.notCounted().isEmpty()) {
            List<String> reasons = new ArrayList<>();
            result.notCounted().forEach((reason, count) -> reasons.add(reason + " " + count));
            out.append("Records not counted: ").append(String.join(", ", reasons)).append('\n');
        }
        if (result.equal()) {
            out.append(String.format(Locale.ROOT, "EQUAL: all %,d cells (channel x region, day x channel x region)"
                    + " match the live query API.%n", result.cellsCompared()));
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "DIFFERENT: %,d of %,d cells differ from the live query API (after %d"
                        + " comparisons); difference = live - recount:%n", result.differences().size(),
                result.cellsCompared(), result.attempts()));
        int width = "cell".length();
        for (Difference d : result.differences()) {
            width = Math.max(width, d.cell().length());
        }
        String row = "%-" + width + "s %12s %12s %12s%n";
        out.append(String.format(Locale.ROOT, row, "cell", "recount", "live", "difference"));
        int shown = 0;
        for (Difference d : result.differences()) {
            if (shown++ == MAX_ROWS) {
                out.append(String.format(Locale.ROOT, "... and %,d more (--json lists them all)%n",
                        result.differences().size() - MAX_ROWS));
                break;
            }
            out.append(String.format(Locale.ROOT, row, d.cell(), d.recount(), d.live(),
                    String.format(Locale.ROOT, "%+d", d.difference())));
        }
        out.append(String.format(Locale.ROOT, "Sum of absolute differences: %,d%n", result.absoluteDifference()));
        return out.toString();
    }

    static String json(AuditResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("equal", result.equal());
        fields.put("auditedAt", result.auditedAt().toString());
        fields.put("records", result.records());
        fields.put("signers", result.signers());
        fields.put("readSeconds", Math.round(result.readSeconds() * 1000) / 1000.0);
        fields.put("recordsPerSecond", Math.round(result.recordsPerSecond()));
        fields.put("recountTotal", result.recountTotal());
        fields.put("liveTotal", result.liveTotal());
        fields.put("cellsCompared", result.cellsCompared());
        fields.put("absoluteDifference", result.absoluteDifference());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Difference d : result.differences()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", d.kind());
            json.put("campaign", d.campaign());
            json.put("cell", d.cell());
            json.put("recount", d.recount());
            json.put("live", d.live());
            json.put("difference", d.difference());
            rows.add(json);
        }
        fields.put("differences", rows);
        fields.put("notCounted", result.notCounted());
        fields.put("attempts", result.attempts());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
