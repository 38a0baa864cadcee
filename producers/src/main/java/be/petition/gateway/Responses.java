package be.petition.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the gateway's JSON answers. A refusal becomes {@code {"error": …, "fields": {name: reason}}} with its
 * status, and is counted under the endpoint the request was tagged with ({@link #countAs}); a 503 tells the client
 * when to try again.
 */
final class Responses {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json";
    private static final String ENDPOINT = "endpoint";

    private final GatewayMetrics metrics;
    private final int retryAfterSeconds;

    Responses(GatewayMetrics metrics, int retryAfterSeconds) {
        this.metrics = metrics;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Tags the request, so that a refusal is counted under its endpoint (untagged ones, e.g. /metrics, are not). */
    static void countAs(Context ctx, Endpoint endpoint) {
        ctx.attribute(ENDPOINT, endpoint);
    }

    void reject(Context ctx, RejectedRequest e) {
        count(ctx, e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("fields", e.fields());
        json(ctx, e.status(), body);
    }

    /** Counts the refusal and sets Retry-After on a 503; for answers that are not JSON (the confirmation page). */
    void count(Context ctx, RejectedRequest e) {
        Endpoint endpoint = ctx.attribute(ENDPOINT);
        if (endpoint != null) {
            String outcome = switch (e.status()) {
                case 401, 403 -> "unauthorized";
                case 429 -> "limited";
                case 503 -> "unavailable";
                default -> "rejected";
            };
            metrics.requests.labelValues(endpoint.label(), outcome).inc();
            if (outcome.equals("rejected") || outcome.equals("unauthorized")) {
                metrics.rejectedInput.labelValues(endpoint.label(), e.reason()).inc();
            }
        }
        if (e.status() == 503) {
            ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
        }
    }

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(JSON_TYPE).result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a response body", e);
        }
    }
}
