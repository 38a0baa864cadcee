package be.petition.simulator;

import be.petition.gateway.TwilioSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends requests to the gateway with the JDK's asynchronous HTTP client: no thread waits for an answer. A request the
 * gateway answers "pending" (a web signature, an e-mail withdrawal) goes on to the {@link MailConfirmer}.
 */
final class HttpTransport implements Transport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final String apiKey;
    private final TwilioSignature telephony;
    private final HttpClient client;
    /** Null when no mailbox can be read: pending requests then stay pending. */
    private final MailConfirmer confirmer;

    HttpTransport(String gatewayUrl, String apiKey, String telephonyToken, MailConfirmer confirmer) {
        this.confirmer = confirmer;
        this.base = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
        this.apiKey = apiKey;
        this.telephony = telephonyToken == null ? null : new TwilioSignature(telephonyToken);
        // No executor of our own: with one, the JDK client hops every answer to CompletableFuture's default
        // executor, which on a machine with two cores starts a new thread per answer.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void send(Planned planned, Listener listener) {
        String url = base + planned.path();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", planned.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(planned.body()));
        if (planned.path().equals(TrafficPlan.APP) && apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        Map<String, String> form = planned.form();
        if (form != null && telephony != null) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            form.forEach((name, value) -> params.put(name, List.of(value)));
            request.header("X-Twilio-Signature", telephony.sign(url, params));
        }
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            if (error != null) {
                listener.answered(planned, -1, null, 0);
            } else if (response.statusCode() / 100 != 2) {
                listener.answered(planned, response.statusCode(), null, 0);
            } else {
                accepted(planned, response.body(), listener, confirmer);
            }
        });
    }

    /**
     * A 202 says which record Kafka got: {@code {"eventId": ..., "eventTime": "2023-11-20T12:30:00.123Z"}}, or
     * {@code {"status": "pending"}} until the signer confirms by mail.
     */
    private static void accepted(Planned planned, byte[] body, Listener listener, MailConfirmer confirmer) {
        String eventId;
        long eventTime;
        try {
            JsonNode json = JSON.readTree(body);
            if (json.path("status").asText().equals("pending")) {
                if (confirmer == null) {
                    listener.answered(planned, 202, null, 0);
                } else {
                    confirmer.pending(planned, listener);
                }
                return;
            }
            eventId = json.path("eventId").asText(null);
            eventTime = Instant.parse(json.path("eventTime").asText()).toEpochMilli();
        } catch (IOException | DateTimeParseException e) {
            eventId = null;
            eventTime = 0;
        }
        if (eventId == null) {
            // Accepted, but the truth cannot place it: a gateway that does not say what it wrote is a failure here.
            listener.answered(planned, -1, null, 0);
        } else {
            listener.answered(planned, 202, eventId, eventTime);
        }
    }

    @Override
    public void close() {
        // the JDK 17 client has nothing to close: its connections and threads go when it is unreachable
        if (confirmer != null) {
            confirmer.close();
        }
    }
}
