package be.petition.registry.server;

/**
 * One version of a subject, as stored in the {@code _schemas} topic.
 *
 * @param schema the schema in Avro's canonical JSON (what {@code Schema.toString()} gives)
 * @param deleted soft-deleted: kept for ids and {@code ?deleted=true}, invisible otherwise
 */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

    SchemaVersion softDeleted() {
        return new SchemaVersion(subject, version, id, schema, true);
    }
}
