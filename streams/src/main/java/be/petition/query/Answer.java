package be.petition.query;

import java.util.List;
import java.util.Map;

/**
 * What a query computed, before {@code asOf} is added: the JSON fields in order, whether any part was stale, and for
 * history answers the rows as CSV columns.
 *
 * @param fields the JSON object's fields
 * @param stale true when part of the counts came from a standby or could not be read (the JSON says {@code stale})
 * @param csvHeader column names of the CSV form, or null when the answer has none
 * @param csvRows rows of the CSV form
 */
public record Answer(Map<String, Object> fields, boolean stale, List<String> csvHeader, List<List<Object>> csvRows) {
    public Answer(Map<String, Object> fields, boolean stale) {
        this(fields, stale, null, List.of());
    }
}
