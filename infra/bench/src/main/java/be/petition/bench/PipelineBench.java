package be.petition.bench;

import be.petition.config.ServiceConfig;
import be.petition.simulator.Simulator;
import be.petition.stack.EmbeddedStack;
import be.petition.service.QueryServerSettings;
import be.petition.service.CountingService;
import be.petition.topics.Topics;
import be.petition.topology.StoreNames;
import be.petition.service.KafkaStreamsConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Throughput to exact counts: the petition topology against {@link ReferenceTopology}, on the same simulated records
 * in the same broker, alternating which runs first, after a warm-up round that is reported but not counted. Each run
 * has a fresh application.id and an empty state dir.
 */
final class PipelineBench {
    private static final List<String> SIGNATURE_TOPICS =
            List.of(Topics.CALLS.name(), Topics.WEB.name(), Topics.APP.name());
    private static final List<String> RAW_TOPICS =
            List.of(Topics.CALLS.name(), Topics.WEB.name(), Topics.APP.name(), Topics.WITHDRAWALS.name());
    private static final long SEED = 2023;

    /** What the petition app must count: the simulator's ground truth, and how fast the simulator wrote it. */
    private record Truth(long total, Map<String, Long> counts, double generatorRecordsPerSecond) {
    }

    /** The raw records both jobs read, and how many distinct signer keys the signature topics hold. */
    private record Input(long records, long distinctSignerKeys) {
    }

    private PipelineBench() {
    }

    static Map<String, Object> run(long records, int runs) {
        Path dir = Bench.tempDir("petition-bench-");
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), true)) {
            Truth truth = produce(stack, records);
            Input input = readInput(stack.bootstrapServers());
            Bench.progress("%d records in the raw topics, %d distinct signer keys, expected total %d", input.records(),
                    input.distinctSignerKeys(), truth.total());
            Duration timeout = Duration.ofSeconds(60 + input.records() / 2000);
            // both jobs once, not counted: the JVM compiles the broker's, the clients' and the jobs' code while the
            // first job runs, which would otherwise slow the first round's first job only
            Map<String, Object> warmup = round(0, runs, false, stack, dir, truth, input, timeout);
            List<Map<String, Object>> rounds = new ArrayList<>();
            for (int round = 1; round <= runs; round++) {
                rounds.add(round(round, runs, round % 2 == 1, stack, dir, truth, input, timeout));
            }
            return result(records, runs, input, truth, warmup, rounds);
        } finally {
            EmbeddedStack.deleteRecursively(dir);
        }
    }

    /** One round: both jobs on empty state, one after the other; round 0 is the warm-up. */
    private static Map<String, Object> round(int round, int runs, boolean petitionFirst, EmbeddedStack stack, Path dir,
                                             Truth truth, Input input, Duration timeout) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("round", round);
        figures.put("first", petitionFirst ? "petition" : "reference");
        for (String job : petitionFirst ? List.of("petition", "reference") : List.of("reference", "petition")) {
            Path stateDir = dir.resolve(job + "-state-" + round);
            CountWatch.Timing timing = job.equals("petition")
                    ? runPetition(stack, stateDir, truth, timeout)
                    : runReference(stack, stateDir, input.distinctSignerKeys(), timeout);
            EmbeddedStack.deleteRecursively(stateDir);
            Bench.progress("%s %s: %s", round == 0 ? "warm-up" : "round " + round + "/" + runs, job, timing);
            figures.put(job + "_end", timing.end());
            figures.put(job + "_s", timing.exactSeconds() == null ? null : Bench.round(timing.exactSeconds(), 3));
            figures.put(job + "_records_per_s", recordsPerSecond(input.records(), timing));
            figures.put(job + "_first_count_s", timing.firstCountSeconds() == null ? null
                    : Bench.round(timing.firstCountSeconds(), 3));
            figures.put(job + "_last_total", timing.lastTotal());
            if (!timing.exact()) {
                Double lastChange = timing.lastChangeSeconds();
                figures.put(job + "_last_change_s", lastChange == null ? null : Bench.round(lastChange, 3));
                // how fast it got as far as it did: a baseline while the counts are not yet exact
                figures.put(job + "_last_change_records_per_s", lastChange == null ? null
                        : Bench.round(input.records() / lastChange, 0));
                figures.put(job + "_difference", timing.difference());
            }
        }
        Double petition = (Double) figures.get("petition_records_per_s");
        Double reference = (Double) figures.get("reference_records_per_s");
        figures.put("ratio", petition == null || reference == null ? null : Bench.round(petition / reference, 3));
        return figures;
    }

    private static Map<String, Object> result(long records, int runs, Input input, Truth truth,
                                              Map<String, Object> warmup, List<Map<String, Object>> rounds) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "pipeline");
        result.put("records", records);
        result.put("input_records", input.records());
        result.put("expected_total", truth.total());
        result.put("distinct_signer_keys", input.distinctSignerKeys());
        result.put("generator_records_per_s", Bench.round(truth.generatorRecordsPerSecond(), 0));
        result.put("runs", runs);
        result.put("petition_records_per_s", median(rounds, "petition_records_per_s", 0));
        result.put("reference_records_per_s", median(rounds, "reference_records_per_s", 0));
        result.put("ratio", median(rounds, "ratio", 3));
        result.put("exact", "exact".equals(warmup.get("petition_end"))
                && rounds.stream().allMatch(round -> "exact".equals(round.get("petition_end"))));
        result.put("petition_first_count_s", median(rounds, "petition_first_count_s", 3));
        // JSON keys must be unique: "runs" is the count, "rounds" the figures of each
        result.put("rounds", rounds);
        result.put("warmup", warmup);
        result.put("machine", Bench.machine());
        return result;
    }

    /** The median over the rounds that have the figure (a run that never became exact has no rate). */
    private static Double median(List<Map<String, Object>> rounds, String key, int decimals) {
        List<Double> values = rounds.stream().map(round -> round.get(key)).filter(value -> value != null)
                .map(value -> ((Number) value).doubleValue()).toList();
        return values.isEmpty() ? null : Bench.round(Bench.median(values), decimals);
    }

    private static Double recordsPerSecond(long records, CountWatch.Timing timing) {
        return timing.exact() ? Bench.round(records / timing.exactSeconds(), 0) : null;
    }

    /** Sends the records straight to Kafka with the project's simulator and keeps its ground truth. */
    private static Truth produce(EmbeddedStack stack, long records) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("simulate.target", "kafka");
        settings.put("simulate.rate", "0");
        settings.put("simulate.count", String.valueOf(records));
        settings.put("simulate.seed", String.valueOf(SEED));
        // the default 256 unanswered requests holds a direct-to-Kafka run to 256 per linger: keep the producer busy
        settings.put("simulate.max.in.flight", "10000");
        settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        settings.put("schema.registry.url", stack.schemaRegistryUrl());
        settings.put("pepper", Bench.PEPPER);
        Bench.progress("producing %d simulated records (seed %d)", records, SEED);
        long started = System.nanoTime();
        Map<String, Object> truth;
        try (Simulator simulator = Simulator.create(ServiceConfig.load(Simulator.DEFAULTS, null, Map.of(), settings))) {
            truth = simulator.run().toMap();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Bench.progress("produced in %.1f s", seconds);
        Map<String, Long> counts = new HashMap<>();
        ((Map<?, ?>) truth.get("expectedCounts")).forEach((key, count) ->
                counts.put(key.toString(), ((Number) count).longValue()));
        return new Truth(((Number) truth.get("expectedTotal")).longValue(), counts, records / seconds);
    }

    /**
     * Counts the raw records and the distinct non-null signer keys of the signature topics. The topics are keyed by
     * signer key and partitioned alike, so one partition number at a time holds every record of its keys.
     */
    private static Input readInput(String bootstrapServers) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        long records;
        int partitions;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(props)) {
            List<TopicPartition> all = RAW_TOPICS.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))).toList();
            // assigned, or the consumer warns about offsets of partitions it does not hold
            consumer.assign(all);
            records = consumer.endOffsets(all).values().stream().mapToLong(Long::longValue).sum();
            partitions = consumer.partitionsFor(Topics.CALLS.name()).size();
        }
        long distinct = 0;
        for (int partition = 0; partition < partitions; partition++) {
            int p = partition;
            List<TopicPartition> assigned = SIGNATURE_TOPICS.stream().map(topic -> new TopicPartition(topic, p)).toList();
            // a consumer per partition number: reassigning one makes it warn about fetches it no longer wants
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(props)) {
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
                Set<ByteBuffer> keys = new HashSet<>();
                while (assigned.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                        if (record.key() != null) {
                            keys.add(ByteBuffer.wrap(record.key()));
                        }
                    }
                }
                distinct += keys.size();
            }
        }
        return new Input(records, distinct);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> props) {
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static CountWatch.Timing runPetition(EmbeddedStack stack, Path stateDir, Truth truth, Duration timeout) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        settings.put("schema.registry.url", stack.schemaRegistryUrl());
        settings.put(KafkaStreamsConfig.APPLICATION_ID, "bench-petition-" + UUID.randomUUID());
        settings.put(KafkaStreamsConfig.STATE_DIR, stateDir.toString());
        settings.put(KafkaStreamsConfig.THREADS, "2");
        settings.put(QueryServerSettings.PORT, "0");
        // PETITION_STREAMS_* variables reach the app as they do `petition streams`, to try a setting against the same
        // reference (e.g. PETITION_STREAMS_ROCKSDB_MEMORY_BYTES=268435456 scripts/bench/pipeline)
        ServiceConfig config = ServiceConfig.load(CountingService.DEFAULTS_RESOURCE, null, System.getenv(), settings);
        long started = System.nanoTime();
        try (CountingService service = CountingService.start(config)) {
            return CountWatch.watch("petition", service.kafkaStreams(), StoreNames.COUNTS_BY_CHANNEL_REGION, started,
                    timeout, counts -> difference(counts, truth));
        }
    }

    /** Actual minus expected for every count key and the total that differ (a count at 0 equals a missing one). */
    private static Map<String, Long> difference(Map<String, Long> counts, Truth truth) {
        Map<String, Long> difference = new TreeMap<>(totalDifference(counts, truth.total()));
        Set<String> keys = new HashSet<>(counts.keySet());
        keys.addAll(truth.counts().keySet());
        for (String key : keys) {
            long delta = counts.getOrDefault(key, 0L) - truth.counts().getOrDefault(key, 0L);
            if (delta != 0) {
                difference.put(key, delta);
            }
        }
        return difference;
    }

    private static Map<String, Long> totalDifference(Map<String, Long> counts, long expected) {
        long delta = CountWatch.total(counts) - expected;
        return delta == 0 ? Map.of() : Map.of("total", delta);
    }

    private static CountWatch.Timing runReference(EmbeddedStack stack, Path stateDir, long expected, Duration timeout) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-reference-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ServiceConfig.load(CountingService.DEFAULTS_RESOURCE, null,
                Map.of(), Map.of()).duration(KafkaStreamsConfig.COMMIT_INTERVAL).toMillis());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        KafkaStreams streams = new KafkaStreams(ReferenceTopology.build(SIGNATURE_TOPICS, props), props);
        long started = System.nanoTime();
        streams.start();
        try {
            return CountWatch.watch("reference", streams, ReferenceTopology.COUNTS, started, timeout,
                    counts -> totalDifference(counts, expected));
        } finally {
            streams.close(Duration.ofSeconds(60));
        }
    }
}
