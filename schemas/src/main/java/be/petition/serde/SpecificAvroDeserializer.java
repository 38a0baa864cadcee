package be.petition.serde;

import be.petition.registry.client.SchemaRegistryClient;
import be.petition.registry.client.SchemaRegistryClients;
import be.petition.registry.client.RegistryClientException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format bytes into the given specific record class. The writer's schema is fetched by id
 * and resolved against the class's schema (the reader schema), so records written with an older or newer
 * compatible schema read: fields the class lacks are skipped, fields the writer lacked get their defaults, and
 * enum symbols the class does not know become the enum's default. Each schema id is fetched once.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private final Schema readerSchema;
    private SchemaRegistryClient client;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    public SpecificAvroDeserializer(Class<T> type) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        TrustedAvroClasses.trust(readerSchema);
    }

    /** For tests and tools that already hold a client. */
    public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this(type);
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = SchemaRegistryClients.forConfig(new AvroSerdeConfig(configs));
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("SpecificAvroDeserializer is not configured: call configure() with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        if (data.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("Cannot read " + type.getSimpleName() + " from topic \"" + topic
                    + "\": " + data.length + " bytes is too short for the Confluent wire format (5-byte header)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        byte magic = buffer.get();
        if (magic != WireFormat.MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + String.format("0x%02x", magic)
                    + " in a record of topic \"" + topic + "\": expected 0x00 (Confluent wire format)."
                    + " Was it written by another serializer, e.g. as plain JSON or Avro without a schema id?");
        }
        int id = buffer.getInt();
        SpecificDatumReader<T> reader;
        try {
            reader = readers.computeIfAbsent(id, this::readerFor);
        } catch (RegistryClientException e) {
            String what = e.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND ? "unknown schema id " : "schema id ";
            throw new SerializationException("Cannot read " + type.getSimpleName() + " from topic \"" + topic
                    + "\": " + what + id + ": " + e.getMessage(), e);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                    data.length - WireFormat.HEADER_SIZE, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + " from topic \"" + topic
                    + "\" with schema id " + id + ": " + e.getMessage(), e);
        }
    }

    private SpecificDatumReader<T> readerFor(int id) {
        Schema writerSchema = client.schemaById(id);
        if (!writerSchema.getFullName().equals(readerSchema.getFullName())
                && !readerSchema.getAliases().contains(writerSchema.getFullName())) {
            throw new RegistryClientException(200, RegistryClientException.INVALID_SCHEMA, "the writer schema is "
                    + writerSchema.getFullName() + ", not " + readerSchema.getFullName());
        }
        SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new RegistryClientException(200, RegistryClientException.INCOMPATIBLE_SCHEMA, "the writer schema"
                    + " cannot be read as " + readerSchema.getFullName() + ": " + compatibility.getDescription());
        }
        try {
            return new SpecificDatumReader<>(writerSchema, readerSchema);
        } catch (AvroTypeException e) {
            throw new RegistryClientException(200, RegistryClientException.INCOMPATIBLE_SCHEMA,
                    "the writer schema cannot be read as " + readerSchema.getFullName() + ": " + e.getMessage());
        }
    }
}
