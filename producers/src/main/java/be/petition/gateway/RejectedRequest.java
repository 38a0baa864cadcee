package be.petition.gateway;

import java.util.Map;

/**
 * A request the gateway refuses, with the HTTP status, a message, and a reason per field. Messages never repeat
 * the values that were sent (they may be personal data).
 *
 * @param reason a short label for the metrics, e.g. {@code invalid_field}
 */
public final class RejectedRequest extends RuntimeException {
    private final int status;
    private final String reason;
    private final Map<String, String> fields;

    public RejectedRequest(int status, String reason, String message, Map<String, String> fields) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.fields = Map.copyOf(fields);
    }

    public RejectedRequest(int status, String reason, String message) {
        this(status, reason, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
