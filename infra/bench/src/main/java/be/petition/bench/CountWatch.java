package be.petition.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
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
    /** Long enough to outlast a pause of the job (a rebalance, a RocksDB write stall): seen up to 20 s. */
    static final Duration SETTLED = Duration.ofSeconds(120);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    /**
     * How a run ended: {@code exact}, {@code settled} (stopped moving, not exact), {@code timeout} or {@code failed};
     * when the counts last changed, and how the last counts read differ from the expected ones (empty when exact).
     */
    record Timing(String end, Double firstCountSeconds, Double exactSeconds, Double lastChangeSeconds, long lastTotal,
                  Map<String, Long> difference) {
        boolean exact() {
            return end.equals("exact");
        }
    }

    private CountWatch() {
    }

    /**
     * @param difference actual minus expected, per count key; only the keys that differ, so empty means exact
     */
    static Timing watch(String job, KafkaStreams streams, String store, long startedNanos, Duration timeout,
                        Function<Map<String, Long>, Map<String, Long>> difference) {
        Double firstCount = null;
        Map<String, Long> last = null;
        long lastChange = System.nanoTime();
        long nextReport = startedNanos + REPORT_EVERY.toNanos();
        long next = System.nanoTime();
        String end = "timeout";
        while (System.nanoTime() - startedNanos < timeout.toNanos()) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING) {
                end = "failed";
                break;
            }
            Map<String, Long> counts = read(streams, store);
            long now = System.nanoTime();
            if (counts != null) {
                if (firstCount == null && total(counts) > 0) {
                    firstCount = seconds(startedNanos, now);
                }
                if (!counts.equals(last)) {
                    last = counts;
                    lastChange = now;
                    if (difference.apply(counts).isEmpty()) {
                        double exact = seconds(startedNanos, now);
                        return new Timing("exact", firstCount, exact, exact, total(counts), Map.of());
                    }
                } else if (firstCount != null && now - lastChange > SETTLED.toNanos()) {
                    end = "settled";
                    break;
                }
            }
            if (now > nextReport) {
                Bench.progress("%s: total %d after %.0f s (%s)", job, last == null ? 0 : total(last),
                        seconds(startedNanos, now), state);
                nextReport += REPORT_EVERY.toNanos();
            }
            next += POLL.toNanos();
            LockSupport.parkNanos(next - System.nanoTime());
        }
        Map<String, Long> counts = last == null ? Map.of() : last;
        return new Timing(end, firstCount, null, last == null ? null : seconds(startedNanos, lastChange), total(counts),
                difference.apply(counts));
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
