package be.petition.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Signature;
import be.petition.registry.client.InMemorySchemaRegistryClient;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** auto.register.schemas, use.latest.version and subject name strategies as Confluent's serializer has them. */
class SerializerBehaviourTest {
    private static final String TOPIC = "signatures.accepted.v1";

    private final CountingRegistryClient client = new CountingRegistryClient();

    @Test
    void autoRegisterRegistersUnderTheTopicSubject() {
        byte[] bytes = new SpecificAvroSerializer<Signature>(client, Map.of(), false)
                .serialize(TOPIC, SampleRecords.signature());

        int id = client.registry.latest(TOPIC + "-value").id();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(client.registers).hasValue(1);
    }

    @Test
    void aSlowRegistryCallForOneSubjectNeverStallsOthers() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        InMemorySchemaRegistryClient memory = InMemorySchemaRegistryClient.forScope("slow-" + UUID.randomUUID());
        SpecificAvroSerializer<Signature> serializer = new SpecificAvroSerializer<>(new CountingRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                if (subject.equals("slow-value")) {
                    called.countDown();
                    await(answer);
                }
                return memory.register(subject, schema);
            }
        }, Map.of(), false);
        // threads of its own: the common pool may have one thread on a small machine
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<byte[]> slow = CompletableFuture.supplyAsync(
                () -> serializer.serialize("slow", SampleRecords.signature()), threads);
        assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();

        // Enough subjects that one shares the slow one's hash bin and the map resizes: both would wait for a lock
        // held across the registry call.
        CompletableFuture<Void> others = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 64; i++) {
                serializer.serialize("other-" + i, SampleRecords.signature());
            }
        }, threads);
        try {
            others.get(10, TimeUnit.SECONDS);
            assertThat(slow).isNotDone();
        } finally {
            answer.countDown();
        }
        assertThat(slow.get(10, TimeUnit.SECONDS)).isNotEmpty();
        threads.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaFailsWithAHint() {
        SpecificAvroSerializer<Signature> serializer =
                new SpecificAvroSerializer<>(client, Map.of("auto.register.schemas", "false"), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleRecords.signature()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject \"" + TOPIC + "-value\"")
                .hasMessageContaining("auto.register.schemas=false the schema must be registered first");
        assertThat(client.registers).hasValue(0);
    }

    @Test
    void withoutAutoRegisterARegisteredSchemaIsLookedUpOnce() {
        int id = client.registry.register(TOPIC + "-value", Signature.getClassSchema());
        SpecificAvroSerializer<Signature> serializer =
                new SpecificAvroSerializer<>(client, Map.of("auto.register.schemas", "false"), false);

        byte[] first = serializer.serialize(TOPIC, SampleRecords.signature());
        byte[] second = serializer.serialize(TOPIC, SampleRecords.signature());

        assertThat(ByteBuffer.wrap(first, 1, 4).getInt()).isEqualTo(id);
        assertThat(second).isEqualTo(first);
        assertThat(client.lookups).hasValue(1);
        assertThat(client.registers).hasValue(0);
    }

    @Test
    void aSerializerWritingToTwoTopicsGivesEachRecordItsOwnTopicsId() {
        // the same schema has one id in every subject: the other topic's latest is a later version of Signature
        int id = client.registry.register(TOPIC + "-value", Signature.getClassSchema());
        String json = Signature.getClassSchema().toString();
        Schema later = new Schema.Parser().parse(json.substring(0, json.lastIndexOf(']'))
                + ",{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}");
        int otherId = client.registry.register("other-value", later);
        SpecificAvroSerializer<Signature> serializer = new SpecificAvroSerializer<>(client,
                Map.of("auto.register.schemas", "false", "use.latest.version", "true"), false);

        int[] ids = new int[4];
        for (int i = 0; i < ids.length; i++) {
            byte[] bytes = serializer.serialize(i % 2 == 0 ? TOPIC : "other", SampleRecords.signature());
            ids[i] = ByteBuffer.wrap(bytes, 1, 4).getInt();
        }

        assertThat(otherId).isNotEqualTo(id);
        assertThat(ids).containsExactly(id, otherId, id, otherId);
    }

    @Test
    void autoRegisterWinsOverUseLatestVersionAsInConfluentSerializer() {
        SpecificAvroSerializer<Signature> serializer =
                new SpecificAvroSerializer<>(client, Map.of("use.latest.version", "true"), false);

        serializer.serialize(TOPIC, SampleRecords.signature());

        assertThat(client.registers).hasValue(1);
        assertThat(client.latests).hasValue(0);
    }

    @Test
    void recordNameStrategyUsesTheRecordsFullName() {
        new SpecificAvroSerializer<Signature>(client, Map.of("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"), false)
                .serialize(TOPIC, SampleRecords.signature());

        assertThat(client.registry.latest("be.petition.avro.Signature").schema())
                .isEqualTo(Signature.getClassSchema());
    }

    @Test
    void topicRecordNameStrategyCombinesBoth() {
        new SpecificAvroSerializer<Signature>(client, Map.of("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"), false)
                .serialize(TOPIC, SampleRecords.signature());

        assertThat(client.registry.latest(TOPIC + "-be.petition.avro.Signature").version()).isEqualTo(1);
    }

    @Test
    void keySerializerUsesTheKeyStrategyAndSubject() {
        new SpecificAvroSerializer<Signature>(client, Map.of("value.subject.name.strategy", "RecordNameStrategy"),
                true).serialize(TOPIC, SampleRecords.signature());

        assertThat(client.registry.latest(TOPIC + "-key").version()).isEqualTo(1);
    }

    @Test
    void configureReadsTheSettingsAndAMockUrl() {
        SpecificAvroSerializer<Signature> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", "mock://" + client.registry.describe().hashCode(),
                "auto.register.schemas", "false"), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleRecords.signature()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("must be registered first");
    }
}
