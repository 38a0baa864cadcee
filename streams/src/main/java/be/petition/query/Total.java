package be.petition.query;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/total}: the campaign's signatures over every channel and region. */
public record Total(String campaign, long total, boolean stale) implements Answer {
    @Override
    public Map<String, Object> json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign", campaign);
        fields.put("total", total);
        return fields;
    }
}
