package be.petition.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Signature;
import java.nio.ByteBuffer;
import java.util.Map;
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
