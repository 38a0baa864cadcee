package be.petition.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The Kafka Streams client metrics that matter for the petition, as Prometheus gauges named
 * {@code kafka_streams_<what>} with the Kafka metric's tags as labels ({@code -} becomes {@code _}): processing rate,
 * commit latency, consumer lag, restore progress and RocksDB memory.
 */
final class KafkaStreamsCollector implements MultiCollector {
    private record Bridged(String name, String help) {
    }

    private static final Map<String, Bridged> METRICS = new LinkedHashMap<>();

    static {
        bridge("stream-thread-metrics", "process-rate", "kafka_streams_process_rate",
                "Records processed per second, by stream thread");
        bridge("stream-thread-metrics", "process-total", "kafka_streams_process_records",
                "Records processed since start, by stream thread");
        bridge("stream-thread-metrics", "commit-latency-avg", "kafka_streams_commit_latency_avg_ms",
                "Average commit time in milliseconds, by stream thread");
        bridge("stream-thread-metrics", "commit-latency-max", "kafka_streams_commit_latency_max_ms",
                "Longest commit time in milliseconds, by stream thread");
        bridge("stream-metrics", "alive-stream-threads", "kafka_streams_alive_stream_threads",
                "Stream threads running");
        bridge("consumer-fetch-manager-metrics", "records-lag-max", "kafka_streams_records_lag_max",
                "Largest consumer lag in records over the partitions of a consumer");
        bridge("consumer-fetch-manager-metrics", "records-lag", "kafka_streams_records_lag",
                "Consumer lag in records, by topic and partition");
        bridge("stream-task-metrics", "restore-remaining-records-total", "kafka_streams_restore_remaining_records",
                "Records still to restore into the task's stores");
        bridge("stream-task-metrics", "restore-rate", "kafka_streams_restore_rate",
                "Records restored per second, by task");
        bridge("stream-state-metrics", "size-all-mem-tables", "kafka_streams_rocksdb_memtables_bytes",
                "RocksDB memtable bytes, by store");
        bridge("stream-state-metrics", "block-cache-usage", "kafka_streams_rocksdb_block_cache_usage_bytes",
                "RocksDB block cache bytes in use (shared by all stores of the JVM)");
        bridge("stream-state-metrics", "estimate-table-readers-mem", "kafka_streams_rocksdb_table_readers_bytes",
                "RocksDB memory for reading SST files, by store");
    }

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    KafkaStreamsCollector(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    private static void bridge(String group, String name, String prometheusName, String help) {
        METRICS.put(group + "/" + name, new Bridged(prometheusName, help));
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, GaugeSnapshot.Builder> builders = new LinkedHashMap<>();
        Map<String, List<Labels>> seen = new LinkedHashMap<>();
        Map<MetricName, ? extends Metric> all = CountingMetrics.orElse(metrics, Map.of());
        for (Map.Entry<MetricName, ? extends Metric> entry : all.entrySet()) {
            MetricName name = entry.getKey();
            Bridged bridged = METRICS.get(name.group() + "/" + name.name());
            if (bridged == null || !(entry.getValue().metricValue() instanceof Number value)
                    || Double.isNaN(value.doubleValue())) {
                continue;
            }
            List<String> labelNames = new ArrayList<>();
            List<String> labelValues = new ArrayList<>();
            name.tags().forEach((key, tagValue) -> {
                labelNames.add(key.replace('-', '_'));
                labelValues.add(tagValue);
            });
            Labels labels = Labels.of(labelNames, labelValues);
            List<Labels> known = seen.computeIfAbsent(bridged.name(), n -> new ArrayList<>());
            if (known.contains(labels)) {
                continue;
            }
            known.add(labels);
            builders.computeIfAbsent(bridged.name(), n -> GaugeSnapshot.builder().name(n).help(bridged.help()))
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value.doubleValue())
                            .labels(labels).build());
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        builders.values().forEach(builder -> snapshots.add(builder.build()));
        return new MetricSnapshots(snapshots);
    }
}
