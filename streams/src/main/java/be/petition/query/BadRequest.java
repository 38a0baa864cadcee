package be.petition.query;

import java.util.Map;

/** A query the API cannot answer as asked: a 400 with {@code {"error": ..., "fields": {name: reason}}}. */
public final class BadRequest extends RuntimeException {
    private final Map<String, String> fields;

    public BadRequest(String error, String field, String reason) {
        super(error);
        this.fields = Map.of(field, reason);
    }

    public Map<String, String> fields() {
        return fields;
    }
}
