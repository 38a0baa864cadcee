package be.petition.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a job's count store through interactive queries every 100 ms from its start until the counts are exact.
 * It gives up at the timeout, when the job fails, or when the counts have not moved for {@link #SETTLED}: the job
 * has read everything and will not become exact.
 */
final class CountWatch {
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration SETTLED = Duration.ofSeconds(30);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    /** How a run ended: {@code exact}, {@code settled} (stopped moving, not exact), {@code timeout} or {@code failed}. */
    record Timing(String end, Double firstCountSeconds, Double exactSeconds, long lastTotal) {
        boolean exact() {
            return end.equals("exact");
        }
    }

    private CountWatch() {
    }

    static Timing watch(String job, KafkaStreams streams, String store, long startedNanos, Duration timeout,
                        Predicate<Map<String, Long>> exact) {
        Double firstCount = null;
        Map<String, Long> last = Map.of();
        long lastChange = System.nanoTime();
        long nextReport = startedNanos + REPORT_EVERY.toNanos();
        long next = System.nanoTime();
        while (System.nanoTime() - startedNanos < timeout.toNanos()) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING) {
                return new Timing("failed", firstCount, null, total(last));
            }
            Map<String, Long> counts = read(streams, store);
            long now = System.nanoTime();
            if (counts != null) {
                if (firstCount == null && total(counts) > 0) {
                    firstCount = seconds(startedNanos, now);
                }
                if (exact.test(counts)) {
                    return new Timing("exact", firstCount, seconds(startedNanos, now), total(counts));
                }
                if (!counts.equals(last)) {
                    last = counts;
                    lastChange = now;
                } else if (firstCount != null && now - lastChange > SETTLED.toNanos()) {
                    return new Timing("settled", firstCount, null, total(last));
                }
            }
            if (now > nextReport) {
                Bench.progress("%s: total %d after %.0f s", job, total(last), seconds(startedNanos, now));
                nextReport += REPORT_EVERY.toNanos();
            }
            next += POLL.toNanos();
            LockSupport.parkNanos(next - System.nanoTime());
        }
        return new Timing("timeout", firstCount, null, total(last));
    }

    /** The whole store, over every local task; null while the instance is not running or a store is not queryable. */
    static Map<String, Long> read(KafkaStreams streams, String store) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return null;
        }
        try {
            ReadOnlyKeyValueStore<String, Long> counts = streams.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
            Map<String, Long> values = new HashMap<>();
            try (KeyValueIterator<String, Long> all = counts.all()) {
                all.forEachRemaining(entry -> values.put(entry.key, entry.value));
            }
            return values;
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
