package be.petition.metrics;

import be.petition.topology.CountKeys;
import be.petition.topology.StoreNames;
import be.petition.topology.TopologyObserver;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus metrics of one Petition Streams instance, in a registry of its own. Counts come from this
 * instance's active partitions of the stores, so {@code sum()} over all instances is the petition's count; rates and
 * latencies come from the topology ({@link #observer()}); Kafka Streams' own metrics are bridged by
 * {@link KafkaStreamsCollector}.
 */
public final class CountingMetrics implements TopologyObserver {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter rejected = Counter.builder().name("petition_rejected_records_total")
            .help("Records sent to the rejected topic, by reason (corrupt-record, unknown-region, ...)")
            .labelNames("reason").register(registry);
    private final Counter counted = Counter.builder().name("petition_counted_signatures_total")
            .help("Signatures counted (+1) by channel, as processed; withdrawals are petition_withdrawn_signatures_total")
            .labelNames("channel").register(registry);
    private final Counter withdrawn = Counter.builder().name("petition_withdrawn_signatures_total")
            .help("Counted signatures taken off by a withdrawal, by channel").labelNames("channel").register(registry);
    private final Histogram latency = Histogram.builder().name("petition_count_latency_seconds")
            .help("Time from a signature's event time to its count in the stores (visible after the next commit)")
            .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900)
            // classic buckets are what the dashboards and alerts read; a native histogram would cost every count more
            .classicOnly()
            .labelNames("channel").register(registry);
    private final Map<String, ChannelSeries> byChannel = new ConcurrentHashMap<>();
    private final Counter liveSnapshots = Counter.builder().name("petition_live_snapshots_total")
            .help("Live counter snapshots sent (each to every connected client)").register(registry);
    private final Counter liveDropped = Counter.builder().name("petition_live_dropped_clients_total")
            .help("Live counter clients closed because they did not take their data").register(registry);
    private final Gauge liveDeliveries = Gauge.builder().name("petition_live_last_snapshot_clients")
            .help("Clients the last live snapshot was sent to").register(registry);

    public CountingMetrics() {
        JvmMetrics.builder().register(registry);
    }

    /**
     * Adds the gauges that read the running instance: store counts ({@code localCounts}: store name → this instance's
     * active key → count, all campaigns), Streams state, Kafka Streams metrics, live clients.
     */
    public void bind(KafkaStreams streams, Function<String, Map<String, Long>> localCounts, IntSupplier liveClients) {
        GaugeWithCallback.builder().name("petition_signatures")
                .help("Signatures counted now in this instance's partitions, by campaign, channel and region"
                        + " (sum over instances for the petition's count)")
                .labelNames("campaign", "channel", "region")
                .callback(callback -> localCounts.apply(StoreNames.COUNTS_BY_CHANNEL_REGION).forEach((key, count) -> {
                    String[] parts = CountKeys.parts(key);
                    callback.call(count, parts[0], parts[1], parts[2]);
                })).register(registry);
        GaugeWithCallback.builder().name("petition_duplicates")
                .help("Duplicate signatures not counted, by campaign, channel and kind (REDELIVERED, REPEAT_SIGNER)")
                .labelNames("campaign", "channel", "kind")
                .callback(callback -> localCounts.apply(StoreNames.DUPLICATES).forEach((key, count) -> {
                    String[] parts = CountKeys.parts(key);
                    callback.call(count, parts[0], parts[1], parts[2]);
                })).register(registry);
        GaugeWithCallback.builder().name("petition_uncountable_calls")
                .help("Calls that could not be counted, by campaign and reason (WITHHELD, STATUS_...)")
                .labelNames("campaign", "reason")
                .callback(callback -> localCounts.apply(StoreNames.UNCOUNTABLE_CALLS).forEach((key, count) -> {
                    String[] parts = CountKeys.parts(key);
                    callback.call(count, parts[0], parts[1]);
                })).register(registry);
        GaugeWithCallback.builder().name("petition_streams_state")
                .help("1 for the Kafka Streams state this instance is in (CREATED, REBALANCING, RUNNING, ...)")
                .labelNames("state")
                .callback(callback -> {
                    for (KafkaStreams.State state : KafkaStreams.State.values()) {
                        callback.call(streams.state() == state ? 1 : 0, state.name());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("petition_live_clients")
                .help("Clients connected to the live counter (Server-Sent Events)")
                .callback(callback -> callback.call(liveClients.getAsInt())).register(registry);
        registry.register(new KafkaStreamsCollector(streams::metrics));
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The topology's observer: rejections, counts and their latency. */
    public TopologyObserver observer() {
        return this;
    }

    @Override
    public void rejected(String reason) {
        rejected.labelValues(reason).inc();
    }

    @Override
    public void counted(String channel, int delta, long eventTimeMs, long countedAtMs) {
        ChannelSeries series = byChannel.computeIfAbsent(channel, ChannelSeries::new);
        if (delta > 0) {
            series.counted.inc();
            series.latency.observe(Math.max(0, countedAtMs - eventTimeMs) / 1000.0);
        } else {
            series.withdrawn.inc();
        }
    }

    /** One channel's data points, looked up once: the topology reports every signature it counts. */
    private final class ChannelSeries {
        final CounterDataPoint counted;
        final CounterDataPoint withdrawn;
        final DistributionDataPoint latency;

        ChannelSeries(String channel) {
            this.counted = CountingMetrics.this.counted.labelValues(channel);
            this.withdrawn = CountingMetrics.this.withdrawn.labelValues(channel);
            this.latency = CountingMetrics.this.latency.labelValues(channel);
        }
    }

    public void liveSnapshotSent(int clients) {
        liveSnapshots.inc();
        liveDeliveries.set(clients);
    }

    public void liveClientDropped() {
        liveDropped.inc();
    }

    static <T> T orElse(Supplier<T> supplier, T fallback) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
