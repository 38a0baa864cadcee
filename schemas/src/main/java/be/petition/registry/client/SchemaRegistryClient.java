package be.petition.registry.client;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that serdes need. Implementations cache: an id never changes
 * its schema, so {@link #schemaById(int)} asks the registry once per id.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers the schema under the subject (or finds it if already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject; fails with 40401/40403 otherwise. */
    int idOf(String subject, Schema schema);

    /** The schema with this global id; fails with 40403 if the registry has none. */
    Schema schemaById(int id);

    /** The latest version registered under the subject; fails with 40401 if there is none. */
    RegisteredSchema latest(String subject);

    /** Whether the schema could be registered under the subject given its compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    /**
     * Asks the registry once, without retrying, whether it answers (readiness probes); throws
     * {@link RegistryClientException} when it cannot be reached or fails. An in-memory registry always answers.
     */
    default void ping() {
    }

    /** Where the registry is, for error messages. */
    String describe();

    @Override
    default void close() {
    }
}
