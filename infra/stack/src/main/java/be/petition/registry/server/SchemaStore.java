package be.petition.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state, rebuilt by applying the {@code _schemas} records in order. Only the topic's reader
 * thread changes it; request threads read it. Unknown record types (Confluent's NOOP, CLEAR_SUBJECT...) are skipped.
 * An id lives while some version uses it; {@link #maxId} never goes down, even when compaction has removed every
 * record of the highest id, because of the {@link StoreRecord#ID_HIGH_WATER_MARK} record.
 */
final class SchemaStore {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private final Map<String, RegistryMode> subjectModes = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private RegistryMode globalMode;
    private int maxId;

    /** Applies one record of the topic; value null is a tombstone. */
    synchronized void apply(String key, String value) {
        JsonNode keyNode;
        JsonNode valueNode;
        try {
            keyNode = JSON.readTree(key == null ? "{}" : key);
            valueNode = value == null ? null : JSON.readTree(value);
        } catch (JsonProcessingException e) {
            LOG.warn("Skipping a record of the schemas topic that is not JSON: {}", e.getOriginalMessage());
            return;
        }
        String subject = keyNode.path("subject").isTextual() ? keyNode.path("subject").asText() : null;
        switch (keyNode.path("keytype").asText("")) {
            case StoreRecord.SCHEMA -> applySchema(subject, keyNode.path("version").asInt(), valueNode);
            case StoreRecord.CONFIG -> applyConfig(subject, valueNode);
            case StoreRecord.MODE -> applyMode(subject, valueNode);
            case StoreRecord.ID_HIGH_WATER_MARK -> {
                if (valueNode != null) {
                    maxId = Math.max(maxId, valueNode.path("maxId").asInt());
                }
            }
            case StoreRecord.DELETE_SUBJECT -> {
                if (valueNode != null && subject != null) {
                    int upTo = valueNode.path("version").asInt();
                    subjects.getOrDefault(subject, new TreeMap<>()).headMap(upTo, true)
                            .replaceAll((version, entry) -> entry.softDeleted());
                }
            }
            default -> {
                // other Confluent record types (NOOP, CLEAR_SUBJECT...) do not change what we serve
            }
        }
    }

    private void applySchema(String subject, int version, JsonNode value) {
        if (subject == null) {
            return;
        }
        if (value == null) {
            NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
            SchemaVersion removed = versions == null ? null : versions.remove(version);
            if (removed != null) {
                if (versions.isEmpty()) {
                    subjects.remove(subject);
                }
                forgetIdIfUnused(removed);
            }
            return;
        }
        String text = value.path("schema").asText();
        String canonical;
        try {
            canonical = canonical(text);
        } catch (SchemaParseException e) {
            LOG.warn("Skipping version {} of subject {} in the schemas topic: not an Avro schema ({})", version,
                    subject, e.getMessage());
            return;
        }
        int id = value.path("id").asInt();
        SchemaVersion entry = new SchemaVersion(subject, version, id, canonical, value.path("deleted").asBoolean(false));
        subjects.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, entry);
        schemaById.putIfAbsent(id, canonical);
        idBySchema.putIfAbsent(canonical, id);
        maxId = Math.max(maxId, id);
    }

    /** After a permanent delete, an id nothing uses any more answers "not found", as it will after compaction. */
    private void forgetIdIfUnused(SchemaVersion removed) {
        boolean used = subjects.values().stream().anyMatch(versions -> versions.values().stream()
                .anyMatch(v -> v.id() == removed.id()));
        if (!used) {
            schemaById.remove(removed.id());
            idBySchema.remove(removed.schema(), removed.id());
        }
    }

    private void applyMode(String subject, JsonNode value) {
        RegistryMode mode = null;
        if (value != null) {
            try {
                mode = RegistryMode.parse(value.path("mode").asText(null));
            } catch (RegistryServerException e) {
                LOG.warn("Skipping a mode record with a mode this registry does not support: {}", value);
                return;
            }
        }
        if (subject == null) {
            globalMode = mode;
        } else if (mode == null) {
            subjectModes.remove(subject);
        } else {
            subjectModes.put(subject, mode);
        }
    }

    private void applyConfig(String subject, JsonNode value) {
        CompatibilityLevel level = null;
        if (value != null) {
            try {
                level = CompatibilityLevel.parse(value.path("compatibilityLevel").asText(null));
            } catch (RegistryServerException e) {
                LOG.warn("Skipping a config record with an unknown compatibility level: {}", value);
                return;
            }
        }
        if (subject == null) {
            globalLevel = level;
        } else if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }

    /** Avro's canonical JSON of a schema; throws {@link SchemaParseException} if it is not one. */
    static String canonical(String schema) {
        return parse(schema).toString();
    }

    static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        List<String> names = new ArrayList<>();
        subjects.forEach((subject, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(subject);
            }
        });
        return names;
    }

    /** The subject's versions, oldest first. */
    synchronized List<SchemaVersion> versions(String subject, boolean includeDeleted) {
        List<SchemaVersion> list = new ArrayList<>();
        subjects.getOrDefault(subject, new TreeMap<>()).values().forEach(v -> {
            if (includeDeleted || !v.deleted()) {
                list.add(v);
            }
        });
        return list;
    }

    synchronized Optional<SchemaVersion> version(String subject, int version) {
        return Optional.ofNullable(subjects.getOrDefault(subject, new TreeMap<>()).get(version));
    }

    /** The highest version number the subject has used, soft-deleted ones included; 0 if none. */
    synchronized int maxVersion(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    synchronized Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idBySchema.get(canonicalSchema));
    }

    synchronized int maxId() {
        return maxId;
    }

    /** Every subject/version that uses this id. */
    synchronized List<SchemaVersion> usesOf(int id, boolean includeDeleted) {
        List<SchemaVersion> uses = new ArrayList<>();
        subjects.values().forEach(versions -> versions.values().forEach(v -> {
            if (v.id() == id && (includeDeleted || !v.deleted())) {
                uses.add(v);
            }
        }));
        return uses;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
    }

    synchronized boolean hasGlobalLevel() {
        return globalLevel != null;
    }

    synchronized Optional<RegistryMode> subjectMode(String subject) {
        return Optional.ofNullable(subjectModes.get(subject));
    }

    synchronized RegistryMode globalMode() {
        return globalMode == null ? RegistryMode.READWRITE : globalMode;
    }
}
