package be.petition.serde;

import be.petition.registry.SchemaRegistryClient;
import be.petition.registry.SchemaRegistryClients;
import be.petition.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in Confluent's wire format. With {@code auto.register.schemas=true} (the default)
 * the record's schema is registered; otherwise it must already be registered, or with
 * {@code use.latest.version=true} the subject's latest schema is used to write.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister;
    private boolean useLatest;
    private SubjectNameStrategy strategy;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final Map<String, WriterSchema> writerSchemaBySubject = new ConcurrentHashMap<>();

    private record WriterSchema(int id, Schema schema) {
    }

    public SpecificAvroSerializer() {
    }

    /** For tests and tools that already hold a client. */
    public SpecificAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this.client = client;
        applyConfig(new AvroSerdeConfig(configs), isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        if (client == null) {
            client = SchemaRegistryClients.forConfig(config);
        }
        applyConfig(config, isKey);
    }

    private void applyConfig(AvroSerdeConfig config, boolean isKey) {
        this.isKey = isKey;
        this.autoRegister = config.autoRegisterSchemas();
        this.useLatest = config.useLatestVersion();
        this.strategy = config.subjectNameStrategy(isKey);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("SpecificAvroSerializer is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        Schema schema = record.getSchema();
        String subject = strategy.subject(topic, isKey, schema);
        WriterSchema writer;
        try {
            writer = writerSchemaBySubject.computeIfAbsent(subject + '\u0000' + schema.getFullName(),
                    k -> resolve(subject, schema));
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic \"" + topic
                    + "\" (subject \"" + subject + "\"): " + e.getMessage(), e);
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(64)) {
            out.write(WireFormat.MAGIC_BYTE);
            out.write(ByteBuffer.allocate(4).putInt(writer.id()).array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(writer.schema(), SpecificDatumWriter::new).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + schema.getFullName() + " for topic \"" + topic
                    + "\" with schema id " + writer.id() + ": " + e.getMessage(), e);
        }
    }

    private WriterSchema resolve(String subject, Schema schema) {
        if (useLatest) {
            var latest = client.latest(subject);
            return new WriterSchema(latest.id(), latest.schema());
        }
        if (autoRegister) {
            return new WriterSchema(client.register(subject, schema), schema);
        }
        return new WriterSchema(client.idOf(subject, schema), schema);
    }
}
