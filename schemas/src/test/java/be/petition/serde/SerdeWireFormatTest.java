package be.petition.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Signature;
import be.petition.avro.WebSignature;
import be.petition.registry.client.InMemorySchemaRegistryClient;
import be.petition.registry.client.RegisteredSchema;
import be.petition.registry.client.SchemaRegistryClient;
import be.petition.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SerdeWireFormatTest {
    private static final String TOPIC = Topics.ACCEPTED.name();

    /** Hands out one fixed id, so the test sees whether all four id bytes land big-endian. */
    private static final class FixedIdClient implements SchemaRegistryClient {
        private final int id;

        FixedIdClient(int id) {
            this.id = id;
        }

        @Override
        public int register(String subject, Schema schema) {
            return id;
        }

        @Override
        public int idOf(String subject, Schema schema) {
            return id;
        }

        @Override
        public Schema schemaById(int id) {
            return Signature.getClassSchema();
        }

        @Override
        public RegisteredSchema latest(String subject) {
            return new RegisteredSchema(subject, 1, id, Signature.getClassSchema());
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            return true;
        }

        @Override
        public String describe() {
            return "fixed-id registry";
        }
    }

    @Test
    void writesMagicByteBigEndianIdAndAvroBinaryBody() {
        SpecificAvroSerializer<Signature> serializer =
                new SpecificAvroSerializer<>(new FixedIdClient(0x01020304), Map.of(), false);

        byte[] bytes = serializer.serialize(TOPIC, SampleRecords.signature());

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(0x00);
        expected.writeBytes(new byte[] {0x01, 0x02, 0x03, 0x04});
        avroString(expected, "web-42");
        avroString(expected, "glenn-2023");
        avroString(expected, "c2lnbmVyLWtleS0x");
        avroLong(expected, 2); // Channel.WEB is symbol 2
        avroLong(expected, 2); // IdentityKind.EMAIL is symbol 2
        avroString(expected, "BE-VAN");
        avroLong(expected, 1); // Language.NL is symbol 1
        avroLong(expected, SampleRecords.SIGNED.toEpochMilli());
        avroLong(expected, SampleRecords.RECEIVED.toEpochMilli());
        assertThat(bytes).containsExactly(expected.toByteArray());
        assertThat(Arrays.copyOfRange(bytes, 5, 12)).containsExactly(12, 'w', 'e', 'b', '-', '4', '2');
    }

    @Test
    void idWithHighBitSetIsWrittenUnsignedBigEndian() {
        SpecificAvroSerializer<Signature> serializer =
                new SpecificAvroSerializer<>(new FixedIdClient(0x80FF0001), Map.of(), false);

        byte[] bytes = serializer.serialize(TOPIC, SampleRecords.signature());

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0x00, 0x80, 0xFF, 0x00, 0x01);
    }

    @Test
    void everyRecordTypeRoundTrips() {
        CountingRegistryClient client = new CountingRegistryClient();
        for (SpecificRecord record : SampleRecords.everyType()) {
            assertThat(roundTrip(client, record)).as(record.getSchema().getName()).isEqualTo(record);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(SchemaRegistryClient client, T record) {
        Class<T> type = (Class<T>) record.getClass();
        String topic = "round-trip." + type.getSimpleName();
        byte[] bytes = new SpecificAvroSerializer<T>(client, Map.of(), false).serialize(topic, record);
        return new SpecificAvroDeserializer<>(type, client).deserialize(topic, bytes);
    }

    @Test
    void streamsSerdeRoundTripsThroughAMockUrl() {
        String scope = "serde-" + UUID.randomUUID();
        try (Serde<Signature> serde = Topics.ACCEPTED.valueSerde(Map.of("schema.registry.url", "mock://" + scope))) {
            byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.signature());

            assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(SampleRecords.signature());
            assertThat(InMemorySchemaRegistryClient.forScope(scope).latest(TOPIC + "-value").schema())
                    .isEqualTo(Signature.getClassSchema());
        } finally {
            InMemorySchemaRegistryClient.dropScope(scope);
        }
    }

    @Test
    void nullsStayNullForTombstones() {
        CountingRegistryClient client = new CountingRegistryClient();

        assertThat(new SpecificAvroSerializer<Signature>(client, Map.of(), false).serialize(TOPIC, null)).isNull();
        assertThat(new SpecificAvroDeserializer<>(Signature.class, client).deserialize(TOPIC, null)).isNull();
        assertThat(client.calls()).isZero();
    }

    @Test
    void serializingAgainAndReadingAgainNeverCallsTheRegistry() {
        CountingRegistryClient client = new CountingRegistryClient();
        SpecificAvroSerializer<Signature> serializer = new SpecificAvroSerializer<>(client, Map.of(), false);
        SpecificAvroDeserializer<Signature> deserializer = new SpecificAvroDeserializer<>(Signature.class, client);
        byte[] first = serializer.serialize(TOPIC, SampleRecords.signature());
        deserializer.deserialize(TOPIC, first);
        int callsAfterFirst = client.calls();

        for (int i = 0; i < 100; i++) {
            deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, SampleRecords.signature()));
        }

        assertThat(callsAfterFirst).isEqualTo(2);
        assertThat(client.calls()).isEqualTo(callsAfterFirst);
    }

    @Test
    void unknownMagicByteIsNamed() {
        byte[] bytes = new SpecificAvroSerializer<Signature>(new CountingRegistryClient(), Map.of(), false)
                .serialize(TOPIC, SampleRecords.signature());
        bytes[0] = 0x7B; // '{': somebody wrote JSON

        assertThatThrownBy(() -> new SpecificAvroDeserializer<>(Signature.class, new CountingRegistryClient())
                .deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void tooShortRecordIsNamed() {
        assertThatThrownBy(() -> new SpecificAvroDeserializer<>(Signature.class, new CountingRegistryClient())
                .deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes is too short");
    }

    @Test
    void unknownSchemaIdIsNamed() {
        byte[] bytes = {0x00, 0x00, 0x00, 0x27, 0x0F, 0x02};

        assertThatThrownBy(() -> new SpecificAvroDeserializer<>(Signature.class, new CountingRegistryClient())
                .deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema id 9999")
                .hasMessageContaining("Signature");
    }

    @Test
    void recordOfAnotherTypeIsRefused() {
        CountingRegistryClient client = new CountingRegistryClient();
        WebSignature web = (WebSignature) SampleRecords.everyType().get(2);
        byte[] bytes = new SpecificAvroSerializer<WebSignature>(client, Map.of(), false).serialize(TOPIC, web);

        assertThatThrownBy(() -> new SpecificAvroDeserializer<>(Signature.class, client).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("be.petition.avro.WebSignature, not be.petition.avro.Signature");
    }

    @Test
    void truncatedBodyIsADecodeError() {
        CountingRegistryClient client = new CountingRegistryClient();
        byte[] bytes = new SpecificAvroSerializer<Signature>(client, Map.of(), false)
                .serialize(TOPIC, SampleRecords.signature());

        assertThatThrownBy(() -> new SpecificAvroDeserializer<>(Signature.class, client)
                .deserialize(TOPIC, Arrays.copyOf(bytes, 20)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot decode Signature");
    }

    @Test
    void unconfiguredSerdeSaysWhatToSet() {
        assertThatThrownBy(() -> new SpecificAvroSerializer<Signature>().serialize(TOPIC, SampleRecords.signature()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema.registry.url");
    }

    private static void avroString(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        avroLong(out, utf8.length);
        out.writeBytes(utf8);
    }

    /** Avro's zig-zag variable-length long, written out by hand so the test does not trust Avro's encoder. */
    private static void avroLong(ByteArrayOutputStream out, long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        while ((zigZag & ~0x7FL) != 0) {
            out.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        out.write((int) zigZag);
    }
}
