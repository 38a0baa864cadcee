package be.petition.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Channel;
import be.petition.avro.Language;
import be.petition.avro.Signature;
import be.petition.registry.client.RegistryClientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Records written with an older or newer variant of Signature's schema read as the generated class, and back. */
class SchemaEvolutionTest {
    private static final String TOPIC = "signatures.accepted.v1";
    private static final Schema CURRENT = Signature.getClassSchema();

    private final CountingRegistryClient client = new CountingRegistryClient();
    private final SpecificAvroDeserializer<Signature> deserializer =
            new SpecificAvroDeserializer<>(Signature.class, client);

    @Test
    void newerWriterWithAnExtraFieldReadsAsTheClass() {
        Schema newer = withField(CURRENT, new Schema.Field("referrer", Schema.create(Schema.Type.STRING),
                "Where the signer came from.", "none"));
        GenericRecord record = genericSignature(newer);
        record.put("referrer", "newsletter");

        Signature read = deserializer.deserialize(TOPIC, write(newer, record));

        assertThat(read).isEqualTo(SampleRecords.signature());
    }

    @Test
    void olderWriterWithoutAFieldReadsWithTheDefault() {
        Schema older = without(CURRENT, "language");

        Signature read = deserializer.deserialize(TOPIC, write(older, genericSignature(older)));

        assertThat(read.getLanguage()).isEqualTo(Language.UNKNOWN);
        assertThat(read.getSignerKey()).isEqualTo("c2lnbmVyLWtleS0x");
        assertThat(read.getEventTime()).isEqualTo(SampleRecords.SIGNED);
    }

    @Test
    void channelAddedLaterReadsAsUnknown() {
        Schema channels = Schema.createEnum("Channel", CURRENT.getField("channel").schema().getDoc(),
                "be.petition.avro", List.of("UNKNOWN", "CALL", "WEB", "APP", "SMS"), "UNKNOWN");
        Schema newer = replaceField(CURRENT, "channel", channels);
        GenericRecord record = genericSignature(newer);
        record.put("channel", new GenericData.EnumSymbol(channels, "SMS"));

        Signature read = deserializer.deserialize(TOPIC, write(newer, record));

        assertThat(read.getChannel()).isEqualTo(Channel.UNKNOWN);
    }

    @Test
    void writerWithoutARequiredFieldIsAClearError() {
        Schema broken = without(CURRENT, "eventTime");

        byte[] bytes = write(broken, genericSignature(broken));

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot be read as be.petition.avro.Signature")
                .hasMessageContaining("eventTime")
                .cause().isInstanceOfSatisfying(RegistryClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.INCOMPATIBLE_SCHEMA));
    }

    @Test
    void olderAndNewerReadersReadWhatTheClassWrites() {
        byte[] bytes = new SpecificAvroSerializer<Signature>(client, Map.of(), false)
                .serialize(TOPIC, SampleRecords.signature());
        Schema older = without(CURRENT, "language");
        Schema newer = withField(CURRENT, new Schema.Field("referrer", Schema.create(Schema.Type.STRING),
                "Where the signer came from.", "none"));

        GenericRecord readByOlder = readGeneric(bytes, older);
        GenericRecord readByNewer = readGeneric(bytes, newer);

        assertThat(readByOlder.hasField("language")).isFalse();
        assertThat(readByOlder.get("region")).hasToString("BE-VAN");
        assertThat(readByNewer.get("referrer")).hasToString("none");
        assertThat(readByNewer.get("eventTime")).isEqualTo(SampleRecords.SIGNED.toEpochMilli());
    }

    @Test
    void useLatestVersionWritesWithTheLatestSchemaAndItsId() {
        String subject = TOPIC + "-value";
        client.registry.register(subject, CURRENT);
        Schema newer = withField(CURRENT, new Schema.Field("referrer", Schema.create(Schema.Type.STRING),
                "Where the signer came from.", "none"));
        int newerId = client.registry.register(subject, newer);
        SpecificAvroSerializer<Signature> serializer = new SpecificAvroSerializer<>(client,
                Map.of("auto.register.schemas", "false", "use.latest.version", "true"), false);

        byte[] bytes = serializer.serialize(TOPIC, SampleRecords.signature());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(newerId);
        GenericRecord asWritten = readGeneric(bytes, newer, newer);
        assertThat(asWritten.get("referrer")).hasToString("none");
        assertThat(asWritten.get("signerKey")).hasToString("c2lnbmVyLWtleS0x");
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(SampleRecords.signature());
        assertThat(client.registers).hasValue(0);
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotHoldTheRecord() {
        String subject = TOPIC + "-value";
        Schema stricter = withField(CURRENT, new Schema.Field("referrer", Schema.create(Schema.Type.STRING),
                "Required, no default.", null));
        client.registry.register(subject, stricter);
        SpecificAvroSerializer<Signature> serializer = new SpecificAvroSerializer<>(client,
                Map.of("auto.register.schemas", "false", "use.latest.version", "true"), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleRecords.signature()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot represent a be.petition.avro.Signature")
                .hasMessageContaining("referrer")
                .hasMessageContaining("latest.compatibility.strict");
    }

    @Test
    void useLatestVersionWithoutAnyVersionSaysSo() {
        SpecificAvroSerializer<Signature> serializer = new SpecificAvroSerializer<>(client,
                Map.of("auto.register.schemas", "false", "use.latest.version", "true"), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleRecords.signature()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("use.latest.version=true the subject needs a registered version");
    }

    private static GenericRecord genericSignature(Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        Signature sample = SampleRecords.signature();
        for (Schema.Field field : schema.getFields()) {
            Schema.Field known = CURRENT.getField(field.name());
            if (known == null) {
                continue;
            }
            Object value = sample.get(known.pos());
            if (value instanceof Enum<?> symbol) {
                value = new GenericData.EnumSymbol(field.schema(), symbol.name());
            } else if (value instanceof java.time.Instant instant) {
                value = instant.toEpochMilli();
            }
            record.put(field.name(), value);
        }
        return record;
    }

    /** Confluent wire format with the schema registered in the test's registry. */
    private byte[] write(Schema schema, GenericRecord record) {
        int id = client.registry.register("evolution-" + Arrays.hashCode(schema.toString().getBytes()), schema);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GenericRecord readGeneric(byte[] bytes, Schema reader) {
        return readGeneric(bytes, CURRENT, reader);
    }

    private static GenericRecord readGeneric(byte[] bytes, Schema writer, Schema reader) {
        try {
            return new GenericDatumReader<GenericRecord>(writer, reader)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema withField(Schema base, Schema.Field extra) {
        List<Schema.Field> fields = copyFields(base, null, null);
        fields.add(extra);
        return record(base, fields);
    }

    private static Schema without(Schema base, String name) {
        return record(base, copyFields(base, name, null));
    }

    private static Schema replaceField(Schema base, String name, Schema type) {
        return record(base, copyFields(base, name, type));
    }

    private static List<Schema.Field> copyFields(Schema base, String name, Schema replacement) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : base.getFields()) {
            if (!field.name().equals(name)) {
                fields.add(new Schema.Field(field, field.schema()));
            } else if (replacement != null) {
                fields.add(new Schema.Field(field, replacement));
            }
        }
        return fields;
    }

    private static Schema record(Schema base, List<Schema.Field> fields) {
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }
}
