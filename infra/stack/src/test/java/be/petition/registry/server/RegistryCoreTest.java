package be.petition.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry's rules without Kafka: records go to a list and are applied at once, as the topic would. */
class RegistryCoreTest {
    final List<StoreRecord> topic = new ArrayList<>();
    final SchemaStore store = new SchemaStore();
    final RegistryCore registry = new RegistryCore(store, records -> records.forEach(record -> {
        topic.add(record);
        store.apply(record.key(), record.value());
    }));

    @Test
    void idsAreGlobalStableAndReusedForTheSameSchema() {
        int id1 = registry.register("a-value", null, RegistryApiIT.V1);
        int id2 = registry.register("a-value", "AVRO", RegistryApiIT.V2);
        // whitespace and field order of the JSON text do not matter: Avro's canonical form does
        int again = registry.register("a-value", null, RegistryApiIT.V1.replace(",", " , "));
        int elsewhere = registry.register("b-value", null, RegistryApiIT.V2);

        assertThat(id1).isEqualTo(1);
        assertThat(id2).isEqualTo(2);
        assertThat(again).isEqualTo(id1);
        assertThat(elsewhere).isEqualTo(id2);
        assertThat(registry.versionNumbers("a-value", false)).containsExactly(1, 2);
        assertThat(registry.versionNumbers("b-value", false)).containsExactly(1);
        assertThat(registry.usesOf(id2, false)).extracting(SchemaVersion::subject).containsExactly("a-value", "b-value");
    }

    @Test
    void replayingTheTopicRebuildsTheSameState() {
        registry.register("a-value", null, RegistryApiIT.V1);
        registry.register("a-value", null, RegistryApiIT.V2);
        registry.register("b-value", null, RegistryApiIT.BROKEN);
        registry.deleteVersion("a-value", "1", false);
        registry.setSubjectLevel("b-value", CompatibilityLevel.FULL);
        registry.setGlobalLevel(CompatibilityLevel.FORWARD);
        registry.deleteSubject("b-value", false);
        registry.deleteSubject("b-value", true);

        SchemaStore replayed = new SchemaStore();
        topic.forEach(record -> replayed.apply(record.key(), record.value()));

        assertThat(replayed.subjects(true)).containsExactly("a-value");
        assertThat(replayed.versions("a-value", true)).isEqualTo(store.versions("a-value", true));
        assertThat(replayed.versions("a-value", false)).extracting(SchemaVersion::version).containsExactly(2);
        assertThat(replayed.globalLevel()).isEqualTo(CompatibilityLevel.FORWARD);
        assertThat(replayed.subjectLevel("b-value")).isEmpty();
        assertThat(replayed.maxId()).isEqualTo(3);
        // b-value was deleted for good: its id is gone, as it will be once compaction drops the records
        assertThat(replayed.schemaById(3)).isEmpty();
    }

    @Test
    void idsOnlyGrowEvenWhenCompactionDroppedTheHighestOne() {
        assertThat(registry.register("a-value", null, RegistryApiIT.V1)).isEqualTo(1);
        assertThat(registry.register("b-value", null, RegistryApiIT.BROKEN)).isEqualTo(2);
        registry.deleteSubject("b-value", false);
        registry.deleteSubject("b-value", true);
        assertThat(code(() -> registry.schemaById(2))).isEqualTo(40403);

        SchemaStore restarted = new SchemaStore();
        compacted(topic).forEach(record -> restarted.apply(record.key(), record.value()));
        RegistryCore afterRestart = new RegistryCore(restarted, records -> records.forEach(record ->
                restarted.apply(record.key(), record.value())));

        assertThat(afterRestart.register("c-value", null, RegistryApiIT.V2)).isEqualTo(3);
        assertThat(code(() -> afterRestart.schemaById(2))).isEqualTo(40403);
        // the same schema as a deleted one is a new schema: records with the old id must not decode as it
        assertThat(afterRestart.register("b-value", null, RegistryApiIT.BROKEN)).isEqualTo(4);
    }

    @Test
    void readOnlyModeRefusesEveryChangeButModeChanges() {
        registry.register("a-value", null, RegistryApiIT.V1);
        registry.setSubjectMode("a-value", RegistryMode.READONLY);
        assertThat(code(() -> registry.register("a-value", null, RegistryApiIT.V2))).isEqualTo(42205);
        assertThat(code(() -> registry.deleteVersion("a-value", "1", false))).isEqualTo(42205);
        assertThat(code(() -> registry.deleteSubject("a-value", false))).isEqualTo(42205);
        assertThat(code(() -> registry.setSubjectLevel("a-value", CompatibilityLevel.NONE))).isEqualTo(42205);
        // other subjects follow the global mode
        assertThat(registry.register("b-value", null, RegistryApiIT.V1)).isEqualTo(1);

        registry.setGlobalMode(RegistryMode.READONLY);
        assertThat(code(() -> registry.register("c-value", null, RegistryApiIT.V1))).isEqualTo(42205);
        assertThat(code(() -> registry.setGlobalLevel(CompatibilityLevel.NONE))).isEqualTo(42205);
        assertThat(code(() -> registry.deleteGlobalLevel())).isEqualTo(42205);
        // a subject's own mode wins over the global one
        registry.setSubjectMode("a-value", RegistryMode.READWRITE);
        assertThat(registry.register("a-value", null, RegistryApiIT.V2)).isEqualTo(2);

        registry.setGlobalMode(RegistryMode.READWRITE);
        assertThat(registry.deleteSubjectMode("a-value")).isEqualTo(RegistryMode.READWRITE);
        assertThat(code(() -> registry.subjectMode("a-value", false))).isEqualTo(40409);
        assertThat(registry.register("c-value", null, RegistryApiIT.V1)).isEqualTo(1);
    }

    /** What compaction leaves of a topic: the last record of each key in offset order, tombstones gone. */
    static List<StoreRecord> compacted(List<StoreRecord> log) {
        Map<String, StoreRecord> last = new LinkedHashMap<>();
        log.forEach(record -> {
            last.remove(record.key());
            last.put(record.key(), record);
        });
        return last.values().stream().filter(record -> record.value() != null).toList();
    }

    @Test
    void recordsUseConfluentsLayout() {
        registry.register("a-value", null, RegistryApiIT.V1);
        registry.setSubjectLevel("a-value", CompatibilityLevel.NONE);
        registry.deleteSubject("a-value", false);

        // a new id first raises the high-water mark
        assertThat(topic.get(0).key()).isEqualTo("{\"keytype\":\"ID_HIGH_WATER_MARK\",\"magic\":0}");
        assertThat(topic.get(0).value()).isEqualTo("{\"maxId\":1}");
        topic.remove(0);
        assertThat(topic.get(0).key()).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"a-value\",\"version\":1,\"magic\":1}");
        assertThat(topic.get(0).value()).startsWith("{\"subject\":\"a-value\",\"version\":1,\"id\":1,\"schema\":")
                .endsWith(",\"deleted\":false}");
        assertThat(topic.get(1).key()).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"a-value\",\"magic\":0}");
        assertThat(topic.get(1).value()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(topic.get(2).value()).endsWith(",\"deleted\":true}");
        assertThat(topic.get(3).key()).isEqualTo("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"a-value\",\"magic\":0}");
        assertThat(topic.get(3).value()).isEqualTo("{\"subject\":\"a-value\",\"version\":1}");
    }

    @Test
    void aDeleteSubjectRecordAloneSoftDeletesEarlierVersions() {
        registry.register("a-value", null, RegistryApiIT.V1);
        registry.register("a-value", null, RegistryApiIT.V2);
        StoreRecord marker = StoreRecord.deleteSubject("a-value", 1);
        store.apply(marker.key(), marker.value());

        assertThat(registry.versionNumbers("a-value", false)).containsExactly(2);
        assertThat(registry.versionNumbers("a-value", true)).containsExactly(1, 2);
    }

    @Test
    void globalLevelCanBeSetAndReset() {
        assertThat(registry.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
        registry.setGlobalLevel(CompatibilityLevel.NONE);
        assertThat(registry.globalLevel()).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.subjectLevel("x", true)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.deleteGlobalLevel()).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void badInputGetsConfluentsErrorCodes() {
        assertThat(code(() -> registry.register("a", null, "{\"type\":\"recrod\"}"))).isEqualTo(42201);
        assertThat(code(() -> registry.register("a", null, null))).isEqualTo(42201);
        assertThat(code(() -> registry.register("a", "JSON", "{}"))).isEqualTo(42201);
        assertThat(code(() -> registry.version("a", "0", false))).isEqualTo(42202);
        assertThat(code(() -> registry.version("a", "latest", false))).isEqualTo(40401);
        assertThat(code(() -> registry.schemaById(5))).isEqualTo(40403);
        assertThat(code(() -> CompatibilityLevel.parse("sometimes"))).isEqualTo(42203);
        assertThat(code(() -> registry.subjectLevel("a", false))).isEqualTo(40408);
        assertThat(code(() -> registry.deleteSubjectLevel("a"))).isEqualTo(40408);
    }

    private static int code(Runnable call) {
        try {
            call.run();
        } catch (RegistryServerException e) {
            return e.errorCode();
        }
        throw new AssertionError("expected a RegistryServerException");
    }

    @Test
    void versionsParseAsConfluentsDo() {
        assertThat(RegistryCore.parseVersion("latest")).isEqualTo(-1);
        assertThat(RegistryCore.parseVersion("-1")).isEqualTo(-1);
        assertThat(RegistryCore.parseVersion("3")).isEqualTo(3);
        assertThatThrownBy(() -> RegistryCore.parseVersion("-2")).isInstanceOf(RegistryServerException.class)
                .hasMessageContaining("not a valid version id");
    }
}
