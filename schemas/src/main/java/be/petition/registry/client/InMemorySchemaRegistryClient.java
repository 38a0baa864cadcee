package be.petition.registry.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in this JVM, for TopologyTestDriver tests and other places with no server. Chosen with a
 * {@code mock://scope} URL, as with Confluent's serdes: every client of one scope shares the same schemas.
 * Compatibility is BACKWARD, checked with Avro's own checker.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new HashMap<>();

    private final String scope;
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Schema, Integer> idBySchema = new HashMap<>();
    private final Map<String, List<Schema>> versions = new HashMap<>();

    private InMemorySchemaRegistryClient(String scope) {
        this.scope = scope;
    }

    /** The shared registry of a scope (the part after {@code mock://}). */
    public static synchronized InMemorySchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistryClient::new);
    }

    /** Forgets a scope, so the next test starts from an empty registry. */
    public static synchronized void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Schema> subjectVersions = versions.getOrDefault(subject, List.of());
        if (subjectVersions.contains(schema)) {
            return idBySchema.get(schema);
        }
        if (!isCompatible(subject, schema)) {
            throw new RegistryClientException(409, RegistryClientException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\" in " + describe() + " (BACKWARD)");
        }
        int id = idBySchema.computeIfAbsent(schema, s -> byId.size() + 1);
        byId.put(id, schema);
        versions.computeIfAbsent(subject, s -> new ArrayList<>()).add(schema);
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        List<Schema> subjectVersions = versions.get(subject);
        if (subjectVersions == null) {
            throw new RegistryClientException(404, RegistryClientException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found in " + describe());
        }
        if (!subjectVersions.contains(schema)) {
            throw new RegistryClientException(404, RegistryClientException.SCHEMA_NOT_FOUND,
                    "Schema not found under subject '" + subject + "' in " + describe());
        }
        return idBySchema.get(schema);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new RegistryClientException(404, RegistryClientException.SCHEMA_NOT_FOUND,
                    "Schema id " + id + " not found in " + describe());
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Schema> subjectVersions = versions.get(subject);
        if (subjectVersions == null || subjectVersions.isEmpty()) {
            throw new RegistryClientException(404, RegistryClientException.SUBJECT_NOT_FOUND,
                    "Subject '" + subject + "' not found in " + describe());
        }
        Schema schema = subjectVersions.get(subjectVersions.size() - 1);
        return new RegisteredSchema(subject, subjectVersions.size(), idBySchema.get(schema), schema);
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<Schema> subjectVersions = versions.getOrDefault(subject, List.of());
        if (subjectVersions.isEmpty()) {
            return true;
        }
        Schema previous = subjectVersions.get(subjectVersions.size() - 1);
        return SchemaCompatibility.checkReaderWriterCompatibility(schema, previous).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    @Override
    public String describe() {
        return "in-memory registry mock://" + scope;
    }
}
