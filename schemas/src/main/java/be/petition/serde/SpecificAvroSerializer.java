package be.petition.serde;

import be.petition.registry.client.RegisteredSchema;
import be.petition.registry.client.SchemaRegistryClient;
import be.petition.registry.client.SchemaRegistryClients;
import be.petition.registry.client.RegistryClientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in Confluent's wire format. As in Confluent's serializer: with
 * {@code auto.register.schemas=true} (the default) the record's schema is registered; otherwise, with
 * {@code use.latest.version=true}, the subject's latest schema is used to write (the record is converted to
 * it); otherwise the record's schema must already be registered under the subject.
 *
 * <p>The schema id is looked up once per subject and schema (records serialized at once before the first answer
 * may each ask): after that, serializing never calls the registry. {@link #prepare} asks ahead of the first record.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister;
    private boolean useLatest;
    private boolean latestStrict;
    private SubjectNameStrategy strategy;
    private final Map<SubjectSchema, WriterSchema> writerSchemas = new ConcurrentHashMap<>();
    /**
     * The last topic and schema written, for the common case of a serializer that writes one record class to one
     * topic: the subject name and the map key are then not built again for every record.
     */
    private volatile LastWriter last;
    /** One serializer is shared by all of a Streams app's threads; each reuses its own buffer and encoder. */
    private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);

    /** A buffer that keeps its capacity between records, so a record is copied once rather than grown into. */
    private static final class Output extends ByteArrayOutputStream {
        private BinaryEncoder encoder;

        Output() {
            super(256);
        }

        BinaryEncoder encoder() {
            encoder = EncoderFactory.get().directBinaryEncoder(this, encoder);
            return encoder;
        }
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record LastWriter(String topic, Schema schema, WriterSchema writer) {
    }

    /** The id to put in the header and how to write a record of the class's schema with the id's schema. */
    private record WriterSchema(int id, Schema schema, RecordWriter writer) {
    }

    @FunctionalInterface
    private interface RecordWriter {
        void write(Object record, BinaryEncoder encoder) throws IOException;
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
        this.latestStrict = config.latestCompatibilityStrict();
        this.strategy = config.subjectNameStrategy(isKey);
        writerSchemas.clear();
        last = null;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        LastWriter cached = last;
        WriterSchema writer;
        if (cached != null && cached.schema() == schema && cached.topic().equals(topic)) {
            writer = cached.writer();
        } else {
            writer = writerSchema(topic, schema);
            last = new LastWriter(topic, schema, writer);
        }
        try {
            Output out = outputs.get();
            out.reset();
            out.write(WireFormat.MAGIC_BYTE);
            int id = writer.id();
            out.write(id >>> 24);
            out.write(id >>> 16);
            out.write(id >>> 8);
            out.write(id);
            BinaryEncoder encoder = out.encoder();
            writer.writer().write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + schema.getFullName() + " for topic \"" + topic
                    + "\" with schema id " + writer.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resolves now what the first record of this schema for this topic would resolve (register or look up its id):
     * a service that must not wait for the registry later calls this at start, and fails there if it cannot.
     *
     * @return the schema id records of this schema get in this topic
     * @throws SerializationException when the registry refuses or cannot be reached
     */
    public int prepare(String topic, Schema schema) {
        return writerSchema(topic, schema).id();
    }

    private WriterSchema writerSchema(String topic, Schema schema) {
        if (client == null) {
            throw new IllegalStateException("SpecificAvroSerializer is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        String subject = strategy.subject(topic, isKey, schema);
        SubjectSchema key = new SubjectSchema(subject, schema);
        WriterSchema writer = writerSchemas.get(key);
        if (writer != null) {
            return writer;
        }
        // Resolved outside the map's lock: computeIfAbsent would hold a bin lock (and stall every other subject
        // hashed there, and any resize) for as long as the registry takes to answer, retries included.
        try {
            writer = resolve(subject, schema);
        } catch (RegistryClientException e) {
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic \"" + topic
                    + "\" (subject \"" + subject + "\"): " + e.getMessage(), e);
        }
        WriterSchema raced = writerSchemas.putIfAbsent(key, writer);
        return raced != null ? raced : writer;
    }

    private WriterSchema resolve(String subject, Schema schema) {
        TrustedAvroClasses.trust(schema);
        if (autoRegister) {
            return new WriterSchema(client.register(subject, schema), schema, specificWriter(schema));
        }
        if (useLatest) {
            return latest(subject, schema);
        }
        try {
            return new WriterSchema(client.idOf(subject, schema), schema, specificWriter(schema));
        } catch (RegistryClientException e) {
            if (e.errorCode() == RegistryClientException.SUBJECT_NOT_FOUND
                    || e.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND) {
                throw new RegistryClientException(e.httpStatus(), e.errorCode(), e.getMessage() + ". With "
                        + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false the schema must be registered first"
                        + " (or set " + AvroSerdeConfig.USE_LATEST_VERSION + "=true to write with the latest one).", e);
            }
            throw e;
        }
    }

    private WriterSchema latest(String subject, Schema schema) {
        RegisteredSchema latest;
        try {
            latest = client.latest(subject);
        } catch (RegistryClientException e) {
            if (e.errorCode() == RegistryClientException.SUBJECT_NOT_FOUND
                    || e.errorCode() == RegistryClientException.VERSION_NOT_FOUND) {
                throw new RegistryClientException(e.httpStatus(), e.errorCode(), e.getMessage() + ". With "
                        + AvroSerdeConfig.USE_LATEST_VERSION + "=true the subject needs a registered version.", e);
            }
            throw e;
        }
        if (latest.schema().equals(schema)) {
            return new WriterSchema(latest.id(), schema, specificWriter(schema));
        }
        SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
        if (latestStrict && compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new RegistryClientException(200, RegistryClientException.INCOMPATIBLE_SCHEMA, "The latest schema"
                    + " of subject \"" + subject + "\" (version " + latest.version() + ", id " + latest.id()
                    + ") cannot represent a " + schema.getFullName() + " of this application: "
                    + compatibility.getDescription() + ". Register a compatible version, or set "
                    + AvroSerdeConfig.LATEST_COMPATIBILITY_STRICT + "=false.");
        }
        return new WriterSchema(latest.id(), latest.schema(), convertingWriter(schema, latest.schema()));
    }

    private static RecordWriter specificWriter(Schema schema) {
        SpecificDatumWriter<Object> writer = new SpecificDatumWriter<>(schema);
        return writer::write;
    }

    /**
     * Writes a record of one schema with another: the generated class writes fields by position, so it is
     * encoded with its own schema first and then resolved into the target schema (defaults fill new fields).
     */
    private static RecordWriter convertingWriter(Schema own, Schema target) {
        SpecificDatumWriter<Object> ownWriter = new SpecificDatumWriter<>(own);
        GenericDatumReader<Object> resolver = new GenericDatumReader<>(own, target, GenericData.get());
        GenericDatumWriter<Object> targetWriter = new GenericDatumWriter<>(target, GenericData.get());
        return (record, encoder) -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
            BinaryEncoder ownEncoder = EncoderFactory.get().directBinaryEncoder(buffer, null);
            ownWriter.write(record, ownEncoder);
            ownEncoder.flush();
            Object converted = resolver.read(null, DecoderFactory.get().binaryDecoder(buffer.toByteArray(), null));
            targetWriter.write(converted, encoder);
        };
    }
}
