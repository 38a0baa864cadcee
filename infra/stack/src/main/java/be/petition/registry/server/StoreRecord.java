package be.petition.registry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record of the {@code _schemas} topic in Confluent's layout. Keys are written with a fixed field order so
 * that the same logical key is always the same bytes, which compaction relies on.
 *
 * @param value the JSON value, or null for a tombstone (a permanent delete)
 */
record StoreRecord(String key, String value) {
    static final String SCHEMA = "SCHEMA";
    static final String CONFIG = "CONFIG";
    static final String DELETE_SUBJECT = "DELETE_SUBJECT";
    static final String NOOP = "NOOP";
    static final String MODE = "MODE";
    /** This registry's own key type: the highest schema id ever issued. Never deleted, so compaction keeps it. */
    static final String ID_HIGH_WATER_MARK = "ID_HIGH_WATER_MARK";
    private static final ObjectMapper JSON = new ObjectMapper();

    static StoreRecord schema(SchemaVersion version) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", version.subject());
        value.put("version", version.version());
        value.put("id", version.id());
        value.put("schema", version.schema());
        value.put("deleted", version.deleted());
        return new StoreRecord(schemaKey(version.subject(), version.version()), value.toString());
    }

    static StoreRecord schemaTombstone(String subject, int version) {
        return new StoreRecord(schemaKey(subject, version), null);
    }

    /** A subject's compatibility level, or the global one when subject is null; a null level removes it. */
    static StoreRecord config(String subject, CompatibilityLevel level) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", CONFIG);
        key.put("subject", subject);
        key.put("magic", 0);
        if (level == null) {
            return new StoreRecord(key.toString(), null);
        }
        ObjectNode value = JSON.createObjectNode();
        value.put("compatibilityLevel", level.name());
        return new StoreRecord(key.toString(), value.toString());
    }

    /** A subject's mode, or the global one when subject is null; a null mode removes it. Confluent's layout. */
    static StoreRecord mode(String subject, RegistryMode mode) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", MODE);
        key.put("subject", subject);
        key.put("magic", 0);
        return new StoreRecord(key.toString(), mode == null ? null : JSON.createObjectNode().put("mode", mode.name())
                .toString());
    }

    static StoreRecord idHighWaterMark(int maxId) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", ID_HIGH_WATER_MARK);
        key.put("magic", 0);
        return new StoreRecord(key.toString(), JSON.createObjectNode().put("maxId", maxId).toString());
    }

    /** Marks every version up to {@code version} soft-deleted. */
    static StoreRecord deleteSubject(String subject, int version) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", subject);
        value.put("version", version);
        return new StoreRecord(deleteSubjectKey(subject), value.toString());
    }

    static StoreRecord deleteSubjectTombstone(String subject) {
        return new StoreRecord(deleteSubjectKey(subject), null);
    }

    private static String schemaKey(String subject, int version) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", SCHEMA);
        key.put("subject", subject);
        key.put("version", version);
        key.put("magic", 1);
        return key.toString();
    }

    private static String deleteSubjectKey(String subject) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", DELETE_SUBJECT);
        key.put("subject", subject);
        key.put("magic", 0);
        return key.toString();
    }
}
