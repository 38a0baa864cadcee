package be.petition.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/counts}: one row per group, ordered by channel then region, and when grouped by region the
 * communities' roll-ups (every roll-up, zero included).
 */
public record CountsAnswer(String campaign, Grouping by, List<CountRow> counts, List<CountRow> rollups,
                           boolean stale) implements Answer {
    @Override
    public Map<String, Object> json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign", campaign);
        fields.put("by", by.parameter());
        fields.put("counts", counts.stream().map(CountRow::json).toList());
        if (by.hasRegion()) {
            fields.put("rollups", rollups.stream().map(CountRow::json).toList());
        }
        return fields;
    }
}
