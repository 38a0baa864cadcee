package be.petition.registry.client;

import org.apache.avro.Schema;

/** One version of a subject as the registry knows it. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
