package be.petition.registry.server;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * What the registry does, independent of HTTP: registration with global ids that are never reused, lookups, soft
 * and permanent deletes, compatibility levels, READONLY mode (every change but a mode change refused). Every change goes through the {@link StoreWriter} (the {@code _schemas} topic)
 * and becomes visible once the store has read it back; one lock makes this instance the single writer.
 */
final class RegistryCore {
    static final String AVRO = "AVRO";

    private final SchemaStore store;
    private final StoreWriter writer;
    private final Object writeLock = new Object();

    RegistryCore(SchemaStore store, StoreWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** Registers the schema under the subject, or returns the id it already has there. */
    int register(String subject, String schemaType, String schemaText) {
        Schema candidate = parseCandidate(schemaType, schemaText);
        String canonical = candidate.toString();
        synchronized (writeLock) {
            requireWritable(subject);
            List<SchemaVersion> live = store.versions(subject, false);
            for (SchemaVersion version : live) {
                if (version.schema().equals(canonical)) {
                    return version.id();
                }
            }
            List<String> problems = CompatibilityChecker.check(effectiveLevel(subject), candidate, earlier(live));
            if (!problems.isEmpty()) {
                throw new RegistryServerException(409, RegistryServerException.INCOMPATIBLE_SCHEMA,
                        "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\", details: " + problems);
            }
            int version = store.maxVersion(subject) + 1;
            // the same schema keeps its id across subjects, so serialised records stay readable everywhere
            Integer known = store.idOf(canonical).orElse(null);
            if (known != null) {
                writer.write(List.of(StoreRecord.schema(new SchemaVersion(subject, version, known, canonical, false))));
                return known;
            }
            // the mark goes first: if the schema record is lost, the id is skipped, never given twice
            int id = store.maxId() + 1;
            writer.write(List.of(StoreRecord.idHighWaterMark(id),
                    StoreRecord.schema(new SchemaVersion(subject, version, id, canonical, false))));
            return id;
        }
    }

    /** The version of the subject that has this schema. */
    SchemaVersion lookup(String subject, String schemaType, String schemaText, boolean includeDeleted) {
        String canonical = parseCandidate(schemaType, schemaText).toString();
        List<SchemaVersion> versions = store.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryServerException.subjectNotFound(subject);
        }
        return versions.stream().filter(v -> v.schema().equals(canonical)).reduce((first, second) -> second)
                .orElseThrow(() -> RegistryServerException.schemaNotFound("Schema not found under subject '" + subject
                        + "'."));
    }

    List<String> subjects(boolean includeDeleted) {
        return store.subjects(includeDeleted);
    }

    List<Integer> versionNumbers(String subject, boolean includeDeleted) {
        List<SchemaVersion> versions = store.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryServerException.subjectNotFound(subject);
        }
        return versions.stream().map(SchemaVersion::version).toList();
    }

    /** A version given as a number, {@code latest} or {@code -1}. */
    SchemaVersion version(String subject, String versionText, boolean includeDeleted) {
        int number = parseVersion(versionText);
        List<SchemaVersion> versions = store.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryServerException.subjectNotFound(subject);
        }
        if (number == -1) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> RegistryServerException.versionNotFound(subject, number));
    }

    String schemaById(int id) {
        return store.schemaById(id)
                .orElseThrow(() -> RegistryServerException.schemaNotFound("Schema " + id + " not found"));
    }

    List<SchemaVersion> usesOf(int id, boolean includeDeleted) {
        schemaById(id);
        return store.usesOf(id, includeDeleted);
    }

    /** Soft-deletes every version, or after that removes them for good; returns the version numbers. */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        synchronized (writeLock) {
            requireWritable(subject);
            List<SchemaVersion> all = store.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryServerException.subjectNotFound(subject);
            }
            List<SchemaVersion> live = all.stream().filter(v -> !v.deleted()).toList();
            List<StoreRecord> records = new ArrayList<>();
            if (permanent) {
                if (!live.isEmpty()) {
                    throw new RegistryServerException(404, RegistryServerException.SUBJECT_NOT_SOFT_DELETED,
                            "Subject '" + subject + "' was not deleted first before being permanently deleted");
                }
                all.forEach(v -> records.add(StoreRecord.schemaTombstone(subject, v.version())));
                records.add(StoreRecord.deleteSubjectTombstone(subject));
                if (store.subjectLevel(subject).isPresent()) {
                    records.add(StoreRecord.config(subject, null));
                }
                writer.write(records);
                return all.stream().map(SchemaVersion::version).toList();
            }
            if (live.isEmpty()) {
                throw new RegistryServerException(404, RegistryServerException.SUBJECT_SOFT_DELETED,
                        "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
            }
            live.forEach(v -> records.add(StoreRecord.schema(v.softDeleted())));
            records.add(StoreRecord.deleteSubject(subject, live.get(live.size() - 1).version()));
            writer.write(records);
            return live.stream().map(SchemaVersion::version).toList();
        }
    }

    /** Soft-deletes one version, or after that removes it for good; returns its number. */
    int deleteVersion(String subject, String versionText, boolean permanent) {
        int number = parseVersion(versionText);
        synchronized (writeLock) {
            requireWritable(subject);
            List<SchemaVersion> all = store.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryServerException.subjectNotFound(subject);
            }
            SchemaVersion target;
            if (number == -1) {
                List<SchemaVersion> live = store.versions(subject, false);
                if (live.isEmpty()) {
                    throw RegistryServerException.subjectNotFound(subject);
                }
                target = live.get(live.size() - 1);
            } else {
                target = all.stream().filter(v -> v.version() == number).findFirst()
                        .orElseThrow(() -> RegistryServerException.versionNotFound(subject, number));
            }
            if (permanent) {
                if (!target.deleted()) {
                    throw new RegistryServerException(404, RegistryServerException.VERSION_NOT_SOFT_DELETED,
                            "Subject '" + subject + "' Version " + target.version() + " was not deleted"
                            + " first before being permanently deleted");
                }
                writer.write(List.of(StoreRecord.schemaTombstone(subject, target.version())));
            } else {
                if (target.deleted()) {
                    throw new RegistryServerException(404, RegistryServerException.VERSION_SOFT_DELETED,
                            "Subject '" + subject + "' Version " + target.version() + " was soft deleted."
                            + " Set permanent=true to delete permanently");
                }
                writer.write(List.of(StoreRecord.schema(target.softDeleted())));
            }
            return target.version();
        }
    }

    /**
     * Why the schema could not be registered next to the given version ({@code latest}, a number, or null for
     * every version the subject's level checks); empty when it could.
     */
    List<String> compatibility(String subject, String versionText, String schemaType, String schemaText) {
        Schema candidate = parseCandidate(schemaType, schemaText);
        CompatibilityLevel level = effectiveLevel(subject);
        List<SchemaVersion> against;
        if (versionText == null) {
            against = store.versions(subject, false);
        } else {
            against = List.of(version(subject, versionText, false));
        }
        return CompatibilityChecker.check(level, candidate, earlier(against));
    }

    CompatibilityLevel globalLevel() {
        return store.globalLevel();
    }

    CompatibilityLevel setGlobalLevel(CompatibilityLevel level) {
        synchronized (writeLock) {
            requireWritable(null);
            writer.write(List.of(StoreRecord.config(null, level)));
        }
        return level;
    }

    /** Back to the default level; returns the level that was set. */
    CompatibilityLevel deleteGlobalLevel() {
        synchronized (writeLock) {
            requireWritable(null);
            CompatibilityLevel previous = store.globalLevel();
            if (store.hasGlobalLevel()) {
                writer.write(List.of(StoreRecord.config(null, null)));
            }
            return previous;
        }
    }

    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return store.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return store.globalLevel();
            }
            throw RegistryServerException.subjectCompatibilityNotConfigured(subject);
        });
    }

    CompatibilityLevel setSubjectLevel(String subject, CompatibilityLevel level) {
        synchronized (writeLock) {
            requireWritable(subject);
            writer.write(List.of(StoreRecord.config(subject, level)));
        }
        return level;
    }

    CompatibilityLevel deleteSubjectLevel(String subject) {
        synchronized (writeLock) {
            requireWritable(subject);
            CompatibilityLevel previous = store.subjectLevel(subject)
                    .orElseThrow(() -> RegistryServerException.subjectCompatibilityNotConfigured(subject));
            writer.write(List.of(StoreRecord.config(subject, null)));
            return previous;
        }
    }

    RegistryMode globalMode() {
        return store.globalMode();
    }

    /** Mode changes are the one change READONLY allows: otherwise nothing could end it. */
    RegistryMode setGlobalMode(RegistryMode mode) {
        synchronized (writeLock) {
            writer.write(List.of(StoreRecord.mode(null, mode)));
        }
        return mode;
    }

    RegistryMode subjectMode(String subject, boolean defaultToGlobal) {
        return store.subjectMode(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return store.globalMode();
            }
            throw RegistryServerException.subjectModeNotConfigured(subject);
        });
    }

    RegistryMode setSubjectMode(String subject, RegistryMode mode) {
        synchronized (writeLock) {
            writer.write(List.of(StoreRecord.mode(subject, mode)));
        }
        return mode;
    }

    /** Back to the global mode; returns the subject's mode that was set. */
    RegistryMode deleteSubjectMode(String subject) {
        synchronized (writeLock) {
            RegistryMode previous = store.subjectMode(subject)
                    .orElseThrow(() -> RegistryServerException.subjectModeNotConfigured(subject));
            writer.write(List.of(StoreRecord.mode(subject, null)));
            return previous;
        }
    }

    /** Refuses a change to the subject (null: to the global settings) in READONLY mode; a subject's mode wins. */
    private void requireWritable(String subject) {
        RegistryMode mode = subject == null ? store.globalMode()
                : store.subjectMode(subject).orElseGet(store::globalMode);
        if (mode == RegistryMode.READONLY) {
            throw RegistryServerException.readOnly(subject);
        }
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return store.subjectLevel(subject).orElseGet(store::globalLevel);
    }

    private static List<CompatibilityChecker.Earlier> earlier(List<SchemaVersion> versions) {
        return versions.stream()
                .map(v -> new CompatibilityChecker.Earlier(v.version(), SchemaStore.parse(v.schema())))
                .toList();
    }

    /** A schema sent by a client: a missing schemaType means Avro, the only type this registry stores. */
    static Schema parseCandidate(String schemaType, String schemaText) {
        if (schemaType != null && !schemaType.isBlank() && !schemaType.trim().equalsIgnoreCase(AVRO)) {
            throw RegistryServerException.invalidSchema("Invalid schema type " + schemaType.trim()
                    + ": this registry stores AVRO schemas only");
        }
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryServerException.invalidSchema("Invalid schema: the request has no \"schema\" field;"
                    + " send {\"schema\": \"<Avro schema as a JSON string>\"}");
        }
        try {
            return SchemaStore.parse(schemaText);
        } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
            throw RegistryServerException.invalidSchema("Invalid schema " + schemaText + ", details: "
                    + e.getMessage());
        }
    }

    /** A version number, or -1 for {@code latest}; anything else is error 42202. */
    static int parseVersion(String text) {
        if ("latest".equalsIgnoreCase(text)) {
            return -1;
        }
        try {
            int number = Integer.parseInt(text);
            if (number == -1 || number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with Confluent's message
        }
        throw RegistryServerException.invalidVersion(text);
    }
}
