package be.petition.topology;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.Count;
import be.petition.avro.Signature;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.config.ServiceConfig;
import be.petition.registry.client.InMemorySchemaRegistryClient;
import be.petition.serde.SpecificAvroDeserializer;
import be.petition.serde.SpecificAvroSerializer;
import be.petition.service.KafkaStreamsConfig;
import be.petition.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The topology in a TopologyTestDriver, with the real Avro serde on an in-memory registry of its own scope and the
 * Streams settings of {@link KafkaStreamsConfig}.
 */
final class TopologyFixture implements AutoCloseable {
    /** The driver's wall clock: after every event time of the tests, so none is "in the future". */
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    final TopologySettings settings;
    final String scope = "topology-" + UUID.randomUUID();
    final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
    final TopologyTestDriver driver;
    final TestInputTopic<String, CallSignature> calls;
    final TestInputTopic<String, WebSignature> web;
    final TestInputTopic<String, AppSignature> app;
    final TestInputTopic<String, Withdrawal> withdrawals;
    final TestInputTopic<byte[], byte[]> rawCalls;
    final TestInputTopic<byte[], byte[]> rawWeb;
    final TestOutputTopic<String, Signature> accepted;
    final TestOutputTopic<byte[], byte[]> rejected;
    final TestOutputTopic<byte[], byte[]> deadLetter;
    private final TestOutputTopic<String, Count> counts;

    TopologyFixture(Path stateDir) {
        this(TopologySettings.defaults(), stateDir);
    }

    TopologyFixture(TopologySettings settings, Path stateDir) {
        this(settings, stateDir, TopologyObserver.NONE);
    }

    TopologyFixture(TopologySettings settings, Path stateDir, TopologyObserver observer) {
        this.settings = settings;
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", "unused:9092");
        values.put(KafkaStreamsConfig.APPLICATION_ID, "topology-test");
        values.put(KafkaStreamsConfig.STATE_DIR, stateDir.toString());
        values.put(KafkaStreamsConfig.ROCKSDB_MEMORY_BYTES, String.valueOf(16 * 1024 * 1024));
        Properties props = KafkaStreamsConfig.streamsProperties(ServiceConfig.of(values));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SignatureTopology.buildTopology(settings, serdeConfig, observer), props, NOW);
        StringSerializer keys = new StringSerializer();
        calls = driver.createInputTopic(settings.callsTopic(), keys, serializer());
        web = driver.createInputTopic(settings.webTopic(), keys, serializer());
        app = driver.createInputTopic(settings.appTopic(), keys, serializer());
        withdrawals = driver.createInputTopic(settings.withdrawalsTopic(), keys, serializer());
        rawCalls = driver.createInputTopic(settings.callsTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        rawWeb = driver.createInputTopic(settings.webTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        accepted = driver.createOutputTopic(settings.acceptedTopic(), new StringDeserializer(),
                deserializer(Signature.class));
        rejected = driver.createOutputTopic(settings.rejectedTopic(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        counts = driver.createOutputTopic(settings.countsTopic(), new StringDeserializer(), deserializer(Count.class));
        deadLetter = driver.createOutputTopic(Topics.DEAD_LETTER.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    <T extends SpecificRecord> SpecificAvroSerializer<T> serializer() {
        SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
        serializer.configure(serdeConfig, false);
        return serializer;
    }

    <T extends SpecificRecord> SpecificAvroDeserializer<T> deserializer(Class<T> type) {
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(type);
        deserializer.configure(serdeConfig, false);
        return deserializer;
    }

    /** Lets the ledger's flush interval pass, so that every count change so far has reached the count stores. */
    void flush() {
        driver.advanceWallClockTime(settings.tallyFlushInterval());
    }

    /** {@code petition.counts.v1}, once every count change so far has been sent. */
    TestOutputTopic<String, Count> counts() {
        flush();
        return counts;
    }

    KeyValueStore<String, Long> store(String name) {
        flush();
        return driver.getKeyValueStore(name);
    }

    /** A store's value, 0 when the key is absent. */
    long count(String store, String key) {
        Long value = store(store).get(key);
        return value == null ? 0 : value;
    }

    /** Every key of a count store with a value other than 0. */
    Map<String, Long> nonZero(String store) {
        Map<String, Long> values = new java.util.TreeMap<>();
        try (KeyValueIterator<String, Long> all = store(store).all()) {
            all.forEachRemaining((KeyValue<String, Long> entry) -> {
                if (entry.value != 0) {
                    values.put(entry.key, entry.value);
                }
            });
        }
        return values;
    }

    @Override
    public void close() {
        driver.close();
        InMemorySchemaRegistryClient.dropScope(scope);
    }
}
