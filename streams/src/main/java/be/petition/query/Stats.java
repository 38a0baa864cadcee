package be.petition.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/stats}: duplicates by channel and kind, calls that did not count by reason, and records rejected by
 * reason (a {@code RejectionReason} code, as in the rejected topic's reason header).
 */
public record Stats(String campaign, List<Duplicates> duplicates, Map<String, Long> duplicatesByKind,
                    List<UncountableCalls> uncountableCalls, List<RejectedRecords> rejectedRecords, boolean stale)
        implements Answer {
    public record Duplicates(String channel, String kind, long count) {
    }

    public record UncountableCalls(String reason, long count) {
    }

    public record RejectedRecords(String reason, long count) {
    }

    @Override
    public Map<String, Object> json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign", campaign);
        fields.put("duplicates", duplicates.stream().map(row -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("channel", row.channel());
            json.put("kind", row.kind());
            json.put("count", row.count());
            return json;
        }).toList());
        fields.put("duplicatesByKind", duplicatesByKind);
        fields.put("uncountableCalls", uncountableCalls.stream().map(row -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("reason", row.reason());
            json.put("count", row.count());
            return json;
        }).toList());
        fields.put("rejectedRecords", rejectedRecords.stream().map(row -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("reason", row.reason());
            json.put("count", row.count());
            return json;
        }).toList());
        return fields;
    }
}
