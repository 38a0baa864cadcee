package be.petition.query;

import java.util.LinkedHashMap;
import java.util.Map;

/** The count of one group; the channel or the region is null when the counts are not grouped by it. */
public record CountRow(String channel, String region, long count) {
    /** {@code {channel?, region?, count}}. */
    public Map<String, Object> json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (channel != null) {
            fields.put("channel", channel);
        }
        if (region != null) {
            fields.put("region", region);
        }
        fields.put("count", count);
        return fields;
    }
}
