package be.petition.gateway;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a prepared record to Kafka and answers {@code 202 {eventId, eventTime}} only once Kafka acknowledged it,
 * without holding a thread meanwhile. When Kafka is known down or too many requests already wait, it answers 503 at
 * once, and when Kafka has not acknowledged within the answer timeout, 503 then: clients try again (the same event)
 * and no signature is lost.
 */
final class KafkaHandoff implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaHandoff.class);
    /** Always three digits of milliseconds (ISO_INSTANT drops a zero fraction). */
    static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final Publisher publisher;
    private final KafkaHealth health;
    private final Responses responses;
    private final GatewayMetrics metrics;
    private final int maxInFlight;
    private final Duration answerTimeout;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Answers are written here, not on the Kafka producer's I/O thread that completes the send. */
    private final ExecutorService responders = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "gateway-respond");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicLong lastKafkaWarning = new AtomicLong();
    /** When Kafka last acknowledged a record (starts at creation, so the first checks get a chance). */
    private volatile long lastAcknowledged = System.nanoTime();

    KafkaHandoff(Publisher publisher, KafkaHealth health, Responses responses, GatewayMetrics metrics, int maxInFlight,
                 Duration answerTimeout) {
        this.publisher = publisher;
        this.health = health;
        this.responses = responses;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
        this.answerTimeout = answerTimeout;
    }

    void publish(Context ctx, Prepared prepared) {
        publish(ctx, prepared, (answered, record) -> Responses.json(answered, 202, accepted(record)));
    }

    /** As {@link #publish(Context, Prepared)}, with another answer once Kafka has the record (e.g. TwiML). */
    void publish(Context ctx, Prepared prepared, BiConsumer<Context, Prepared> answer) {
        publish(ctx, prepared, answer, responses::reject);
    }

    /**
     * The same, with answers of the caller's own (the confirmation page answers in HTML): {@code accepted} once
     * Kafka has the record, {@code refused} when it will not take it. A refusal before sending is thrown.
     */
    void publish(Context ctx, Prepared prepared, BiConsumer<Context, Prepared> accepted,
                 BiConsumer<Context, RejectedRequest> refused) {
        Endpoint endpoint = prepared.endpoint();
        long now = System.nanoTime();
        if (!health.reachable() && now - lastAcknowledged > 2 * health.interval().toNanos()) {
            // Kafka is down for a while: answer at once instead of holding a thread in send() for max.block.ms.
            throw unavailable();
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            throw new RejectedRequest(503, "overloaded", "The gateway is busy; try again shortly");
        }
        metrics.inFlight.inc();
        long started = System.nanoTime();
        // a copy times out, not Kafka's own future: the record may still be acknowledged later, and that is harmless
        ctx.future(() -> publisher.send(prepared).copy().orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((RecordMetadata metadata, Throwable error) -> {
            inFlight.decrementAndGet();
            metrics.inFlight.dec();
            if (error == null) {
                lastAcknowledged = System.nanoTime();
                metrics.produceLatency.labelValues(endpoint.label()).observe((System.nanoTime() - started) / 1e9);
                metrics.signatures.labelValues(endpoint.label(), prepared.outcome()).inc();
                metrics.requests.labelValues(endpoint.label(), "accepted").inc();
                accepted.accept(ctx, prepared);
            } else {
                warn(endpoint, error);
                refused.accept(ctx, unavailable());
            }
            return null;
        }, responders));
    }

    private static RejectedRequest unavailable() {
        return new RejectedRequest(503, "kafka_unavailable",
                "The signature could not be stored right now; try again shortly");
    }

    /** One line per 10 s is enough during an outage that fails every request. */
    private void warn(Endpoint endpoint, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        long failedAt = System.nanoTime();
        long last = lastKafkaWarning.get();
        if (failedAt - last > 10_000_000_000L && lastKafkaWarning.compareAndSet(last, failedAt)) {
            LOG.warn("Kafka did not take a {} record (answering 503): {}", endpoint.label(), cause.toString());
        }
    }

    /** What a 202 says: the record's event id and event time (UTC, milliseconds), so a client can match it. */
    static Map<String, Object> accepted(Prepared prepared) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", prepared.eventId());
        body.put("eventTime", EVENT_TIME.format(Instant.ofEpochMilli(prepared.eventTime())));
        return body;
    }

    @Override
    public void close() {
        responders.shutdown();
    }
}
