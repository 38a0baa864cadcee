package be.petition.simulator;

import be.petition.gateway.TwilioSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests to the gateway with the JDK's asynchronous HTTP client: no thread waits for an answer. A request the
 * gateway answers "pending" (a web signature, an e-mail withdrawal) goes on to the {@link MailConfirmer}. A person's
 * first app request registers their install ({@code POST /v1/app/installs}); their app requests then carry the
 * issued install id and its secret. The plan and the ground truth keep the simulator's own install id: it stands
 * for the issued one, one to one.
 */
final class HttpTransport implements Transport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final String apiKey;
    private final TwilioSignature telephony;
    private final HttpClient client;
    /** Null when no mailbox can be read: pending requests then stay pending. */
    private final MailConfirmer confirmer;
    /** How long a request whose outcome is unknown (no answer, a 5xx) is sent again; zero: never. */
    private final Duration retryFor;
    /** Each person's registered install; weak keys, so people the plan forgot do not pile up here. */
    private final Map<Person, CompletableFuture<Install>> installs = new WeakHashMap<>();

    private record Install(String id, String secret) {
    }

    /** The gateway refused to register an install, with this status. */
    private static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status) {
            super("POST /v1/app/installs answered " + status, null, false, false);
            this.status = status;
        }
    }

    HttpTransport(String gatewayUrl, String apiKey, String telephonyToken, MailConfirmer confirmer) {
        this(gatewayUrl, apiKey, telephonyToken, confirmer, Duration.ZERO);
    }

    /**
     * @param retryFor how long to send a request again, unchanged (the same submission id or call sid, so the same
     *                 event id), while it gets no answer or a 5xx, as a real client or telephony provider retries: an
     *                 answer lost in a crash of the gateway may hide a record Kafka has, and only a later 2xx for the
     *                 same event puts it in the ground truth. Zero: one attempt
     */
    HttpTransport(String gatewayUrl, String apiKey, String telephonyToken, MailConfirmer confirmer, Duration retryFor) {
        this.confirmer = confirmer;
        this.retryFor = retryFor;
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
        Request request = planned.request();
        String installId = request instanceof Request.App app ? app.installId()
                : request instanceof Request.Withdrawal withdrawal ? withdrawal.installId() : null;
        if (installId == null) {
            post(planned, planned.body(), null, listener);
            return;
        }
        installOf(planned.person()).whenComplete((install, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                listener.answered(planned, cause instanceof Refused refused ? refused.status : -1, null, 0);
                return;
            }
            Request issued = request instanceof Request.App app ? app.withInstallId(install.id())
                    : ((Request.Withdrawal) request).withInstallId(install.id());
            post(planned, issued.body(), install.secret(), listener);
        });
    }

    private CompletableFuture<Install> installOf(Person person) {
        synchronized (installs) {
            CompletableFuture<Install> install = installs.get(person);
            if (install == null || install.isCompletedExceptionally()) {
                install = register();
                installs.put(person, install);
            }
            return install;
        }
    }

    private CompletableFuture<Install> register() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/app/installs"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 201) {
                throw new Refused(response.statusCode());
            }
            try {
                JsonNode json = JSON.readTree(response.body());
                return new Install(json.path("installId").asText(), json.path("installSecret").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** @param installSecret the Bearer secret of the install the body names, or null */
    private void post(Planned planned, byte[] body, String installSecret, Listener listener) {
        post(planned, body, installSecret, listener, retryFor.isZero() ? 0 : System.nanoTime() + retryFor.toNanos(), 0);
    }

    /** @param retryUntil System.nanoTime() after which a failed attempt is final; 0: the first attempt is final */
    private void post(Planned planned, byte[] body, String installSecret, Listener listener, long retryUntil,
                      int attempt) {
        String url = base + planned.path();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", planned.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (planned.path().equals(TrafficPlan.APP) && apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        if (installSecret != null) {
            request.header("Authorization", "Bearer " + installSecret);
        }
        Map<String, String> form = planned.form();
        if (form != null && telephony != null) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            form.forEach((name, value) -> params.put(name, List.of(value)));
            request.header("X-Twilio-Signature", telephony.sign(url, params));
        }
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            boolean unknownOutcome = error != null || response.statusCode() / 100 == 5;
            if (unknownOutcome && retryUntil != 0 && System.nanoTime() < retryUntil) {
                long delayMillis = Math.min(2000, 100L << Math.min(attempt, 5));
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS).execute(
                        () -> post(planned, body, installSecret, listener, retryUntil, attempt + 1));
            } else if (error != null) {
                listener.answered(planned, -1, null, 0);
            } else if (response.statusCode() / 100 != 2) {
                listener.answered(planned, response.statusCode(), null, 0);
            } else {
                accepted(planned, response, listener, confirmer);
            }
        });
    }

    /**
     * A 202 says which record Kafka got: {@code {"eventId": ..., "eventTime": "2023-11-20T12:30:00.123Z"}}, or
     * {@code {"status": "pending"}} until the signer confirms by mail; the call menu's TwiML answer says it in the
     * headers {@code X-Petition-Event-Id} and {@code X-Petition-Event-Time}.
     */
    private static void accepted(Planned planned, HttpResponse<byte[]> response, Listener listener,
                                 MailConfirmer confirmer) {
        String eventId;
        long eventTime;
        try {
            Optional<String> headerId = response.headers().firstValue("X-Petition-Event-Id");
            if (headerId.isPresent()) {
                eventId = headerId.get();
                eventTime = Instant.parse(response.headers().firstValue("X-Petition-Event-Time").orElse(""))
                        .toEpochMilli();
            } else {
                JsonNode json = JSON.readTree(response.body());
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
            }
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
