package be.petition.service;

import be.petition.provisioning.TopicProvisioner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.petition.avro.Channel;
import be.petition.config.ServiceConfig;
import be.petition.serde.SpecificAvroSerializer;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import be.petition.topics.Topics;
import be.petition.topology.CountKeys;
import be.petition.topology.Events;
import be.petition.topology.PetitionModel;
import be.petition.topology.RejectionReason;
import be.petition.topology.StoreNames;
import be.petition.topology.TopologySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real broker and registry, with exactly-once: a few thousand signatures, duplicates and
 * withdrawals end in exactly the model's counts, also when the app is stopped midway and started again, and when
 * a new instance without local state rebuilds the stores from the changelogs.
 */
@ExtendWith(EmbeddedStackExtension.class)
class CountingServiceIT {
    private static final int PARTITIONS = 6;
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> REGIONS = List.of("BE-VAN", "BE-WLG", "BE-BRU", "BE", "NL", "ZZ");
    private static final Instant START = Instant.parse("2023-11-20T08:00:00Z");
    /** After every signature of phases 1 and 2, before those of phase 3. */
    private static final Instant WITHDRAWN_AT = START.plusSeconds(4 * 24 * 3600);

    @TempDir
    Path stateDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Random random = new Random(20231120);
    private final PetitionModel model = new PetitionModel();
    private final Map<String, ProducerRecord<String, SpecificRecord>> firstSignatures = new HashMap<>();
    private TopologySettings settings;
    private ServiceConfig config;
    private KafkaProducer<String, SpecificRecord> producer;
    private CountingService service;
    private int ids;

    @BeforeEach
    void createTopicsAndProducer() throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        // topics of this test only, so other tests of the JVM never mix their records in
        Map<String, String> values = new HashMap<>();
        values.putAll(stack.createOwnTopics("it-" + run, PARTITIONS));
        values.put("kafka.bootstrap.servers", stack.bootstrapServers());
        values.put("schema.registry.url", stack.schemaRegistryUrl());
        values.put(KafkaStreamsConfig.APPLICATION_ID, "it-" + run);
        values.put(KafkaStreamsConfig.STATE_DIR, stateDir.toString());
        values.put(KafkaStreamsConfig.ROCKSDB_MEMORY_BYTES, String.valueOf(16 * 1024 * 1024));
        values.put(KafkaStreamsConfig.COMMIT_INTERVAL, "100ms");
        values.put(QueryServerSettings.PORT, "0");
        values.put("kafka.consumer.session.timeout.ms", "10000");
        config = ServiceConfig.of(values);
        settings = TopologySettings.from(config);

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // one request in flight: a retried batch can never be overtaken by the next one (see TopicProvisioner.awaitLeaders)
        producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), serializer);
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
        producer.close();
    }

    @Test
    void countsAreExactWithDuplicatesWithdrawalsAndARestartMidway() {
        service = CountingService.start(config);

        // phase 1: 1500 people sign once, 300 of those events arrive twice, 10 records are invalid
        for (int signer = 0; signer < 1500; signer++) {
            sign(signer, randomChannel());
        }
        List<ProducerRecord<String, SpecificRecord>> firsts = new ArrayList<>(firstSignatures.values());
        for (int i = 0; i < 300; i++) {
            redeliver(firsts.get(random.nextInt(firsts.size())));
        }
        for (int i = 0; i < 10; i++) {
            String key = "bad-" + i;
            send(settings.webTopic(), key, Events.web("web-bad-" + i, key, "BE-NOPE", START));
        }
        awaitExactCounts();

        // phase 2: 400 of them sign again on another channel, 300 withdraw, 50 unknown people withdraw,
        // 50 calls do not count; the app stops midway and starts again
        for (int signer = 0; signer < 400; signer++) {
            Channel first = channelOf(firstSignatures.get(key(signer)));
            sign(signer, Channel.values()[1 + (first.ordinal() % 3)]);
        }
        for (int signer = 1000; signer < 1300; signer++) {
            withdraw(key(signer));
        }
        for (int i = 0; i < 50; i++) {
            withdraw("unknown-" + i);
            send(settings.callsTopic(), null, Events.call("call-withheld-" + i, null, "ZZ", START));
            model.uncountableCall(Events.CAMPAIGN, "WITHHELD");
        }
        producer.flush();
        await().atMost(PHASE_TIMEOUT).until(() -> storeTotal(StoreNames.DUPLICATES) > 300);
        service.close();
        service = CountingService.start(config);
        awaitExactCounts();

        // phase 3: 150 of those who withdrew sign again; old events arrive once more
        for (int signer = 1000; signer < 1150; signer++) {
            sign(signer, randomChannel(), WITHDRAWN_AT.plusSeconds(1));
        }
        for (int i = 0; i < 50; i++) {
            redeliver(firsts.get(random.nextInt(firsts.size())));
        }
        awaitExactCounts();

        // a new instance without local state rebuilds every store from the changelogs
        service.close();
        service = CountingService.start(config.with(Map.of(KafkaStreamsConfig.STATE_DIR,
                stateDir.resolve("fresh").toString())));
        awaitExactCounts();

        assertThat(model.total()).isEqualTo(1500 - 300 + 150);
        assertEveryCountIsInThePartitionOfItsRoutingKey();
        assertThat(rejectedRecords()).isEqualTo(10);
    }

    @Test
    void aResetRecountsFromTheRawTopicsWithNothingLeftOfTheOldState() throws Exception {
        service = CountingService.start(config);
        for (int signer = 0; signer < 300; signer++) {
            sign(signer, randomChannel());
        }
        for (int signer = 0; signer < 50; signer++) {
            withdraw(key(signer));
        }
        awaitExactCounts();
        service.close();
        service = null;

        ApplicationReset reset = new ApplicationReset(config);
        reset.run();

        String changelog = reset.applicationId() + "-" + StoreNames.SIGNERS + "-changelog";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.kafka().get("bootstrap.servers")))) {
            await().atMost(PHASE_TIMEOUT).untilAsserted(() ->
                    assertThat(admin.listTopics().names().get()).doesNotContain(changelog));
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(reset.applicationId()).partitionsToOffsetAndMetadata().get();
            assertThat(offsets).as("every input partition back at its beginning").isNotEmpty()
                    .allSatisfy((partition, offset) -> assertThat(offset.offset()).as(partition.toString()).isZero());
        }
        Path local = Path.of(reset.stateDirectory());
        if (Files.exists(local)) {
            try (Stream<Path> left = Files.list(local)) {
                assertThat(left.map(path -> path.getFileName().toString()))
                        .as("no task's state (0_0, 1_3, ...) is left").noneMatch(name -> name.matches("\\d+_\\d+"));
            }
        }

        service = CountingService.start(config);
        awaitExactCounts();
        assertThat(model.total()).isEqualTo(250);
    }

    private void awaitExactCounts() {
        producer.flush();
        await().atMost(PHASE_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            assertThat(nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION)).isEqualTo(model.byChannelRegion());
            assertThat(nonZero(StoreNames.COUNTS_BY_HOUR)).isEqualTo(model.byHour());
            assertThat(nonZero(StoreNames.COUNTS_BY_DAY)).isEqualTo(model.byDay());
            assertThat(nonZero(StoreNames.DUPLICATES)).isEqualTo(model.duplicates());
            assertThat(nonZero(StoreNames.UNCOUNTABLE_CALLS)).isEqualTo(model.uncountableCalls());
        });
    }

    /** What the query API relies on to ask the right instance for a key. */
    private void assertEveryCountIsInThePartitionOfItsRoutingKey() {
        Map<String, Map<String, Long>> stores = Map.of(StoreNames.COUNTS_BY_CHANNEL_REGION, model.byChannelRegion(),
                StoreNames.COUNTS_BY_HOUR, model.byHour(), StoreNames.COUNTS_BY_DAY, model.byDay(),
                StoreNames.DUPLICATES, model.duplicates(), StoreNames.UNCOUNTABLE_CALLS, model.uncountableCalls());
        stores.forEach((name, counts) -> counts.forEach((key, count) -> {
            KeyQueryMetadata metadata = service.kafkaStreams().queryMetadataForKey(name,
                    CountKeys.routingKey(name, key), new StringSerializer());
            ReadOnlyKeyValueStore<String, Long> partition = service.kafkaStreams().store(StoreQueryParameters
                    .fromNameAndType(name, QueryableStoreTypes.<String, Long>keyValueStore())
                    .withPartition(metadata.partition()));
            assertThat(partition.get(key)).as(name + " " + key).isEqualTo(count);
        }));
    }

    private void sign(int signer, Channel channel) {
        sign(signer, channel, START);
    }

    /** A signature at a random time in the three days from {@code from}. */
    private void sign(int signer, Channel channel, Instant from) {
        String key = key(signer);
        String region = REGIONS.get(random.nextInt(REGIONS.size()));
        Instant at = from.plusSeconds(random.nextInt(3 * 24 * 3600));
        String eventId = channel.name().toLowerCase() + "-" + ids++;
        ProducerRecord<String, SpecificRecord> record = switch (channel) {
            case CALL -> new ProducerRecord<>(settings.callsTopic(), key, Events.call(eventId, key, region, at));
            case WEB -> new ProducerRecord<>(settings.webTopic(), key, Events.web(eventId, key, region, at));
            default -> new ProducerRecord<>(settings.appTopic(), key, Events.app(eventId, key, region, at));
        };
        firstSignatures.putIfAbsent(key, record);
        producer.send(record);
        model.sign(Events.CAMPAIGN, key, eventId, channel, region, at);
    }

    private void redeliver(ProducerRecord<String, SpecificRecord> record) {
        producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()));
        model.sign(Events.CAMPAIGN, record.key(), eventIdOf(record), channelOf(record), regionOf(record),
                eventTimeOf(record));
    }

    private void withdraw(String key) {
        String eventId = "wd-" + ids++;
        send(settings.withdrawalsTopic(), key, Events.withdrawal(eventId, key, WITHDRAWN_AT));
        model.withdraw(Events.CAMPAIGN, key, eventId, WITHDRAWN_AT);
    }

    private void send(String topic, String key, SpecificRecord value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    private Channel randomChannel() {
        return Channel.values()[1 + random.nextInt(3)];
    }

    private Channel channelOf(ProducerRecord<String, SpecificRecord> record) {
        return record.topic().equals(settings.callsTopic()) ? Channel.CALL
                : record.topic().equals(settings.webTopic()) ? Channel.WEB : Channel.APP;
    }

    private static String key(int signer) {
        return "signer-" + signer;
    }

    private static String eventIdOf(ProducerRecord<String, SpecificRecord> record) {
        return (String) record.value().get(record.value().getSchema().getField("eventId").pos());
    }

    private static String regionOf(ProducerRecord<String, SpecificRecord> record) {
        return (String) record.value().get(record.value().getSchema().getField("region").pos());
    }

    private static Instant eventTimeOf(ProducerRecord<String, SpecificRecord> record) {
        return (Instant) record.value().get(record.value().getSchema().getField("eventTime").pos());
    }

    private ReadOnlyKeyValueStore<String, Long> store(String name) {
        return service.kafkaStreams().store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, Long>keyValueStore()));
    }

    private Map<String, Long> nonZero(String name) {
        assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
        Map<String, Long> values = new TreeMap<>();
        try (KeyValueIterator<String, Long> all = store(name).all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != 0) {
                    values.merge(entry.key, entry.value, Long::sum);
                }
            });
        }
        return values;
    }

    private long storeTotal(String name) {
        try {
            return nonZero(name).values().stream().mapToLong(Long::longValue).sum();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private int rejectedRecords() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStackExtension.stack().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + run + "-rejected-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(settings.rejectedTopic()));
            await().atMost(PHASE_TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 10;
            });
            // anything more would have arrived with the ten
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        assertThat(records).allSatisfy(record -> assertThat(new String(
                record.headers().lastHeader(Topics.HEADER_REASON).value())).isEqualTo(RejectionReason.UNKNOWN_REGION.code()));
        return records.size();
    }
}
