package be.petition.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.registry.server.CompatibilityChecker.Earlier;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {
    static final Schema V1 = SchemaStore.parse(RegistryApiIT.V1);
    static final Schema V2 = SchemaStore.parse(RegistryApiIT.V2);
    static final Schema V3 = SchemaStore.parse(RegistryApiIT.V3);
    static final Schema BROKEN = SchemaStore.parse(RegistryApiIT.BROKEN);
    static final List<Earlier> V1_V2 = List.of(new Earlier(1, V1), new Earlier(2, V2));

    @Test
    void addingAFieldWithADefaultIsFullyCompatible() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(CompatibilityChecker.check(level, V2, List.of(new Earlier(1, V1)))).as(level.name()).isEmpty();
        }
    }

    @Test
    void transitiveLevelsLookPastTheLatestVersion() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, V3, V1_V2)).isEmpty();
        List<String> problems = CompatibilityChecker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, V3, V1_V2);
        assertThat(problems).anyMatch(p -> p.contains("READER_FIELD_MISSING_DEFAULT_VALUE"))
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD_TRANSITIVE'}");
    }

    @Test
    void forwardChecksThatOldReadersReadNewData() {
        // v2 readers read v3 data: same fields
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD, V3, V1_V2)).isEmpty();
        // v2 readers cannot read an int where they expect the string a
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD, BROKEN, V1_V2))
                .anyMatch(p -> p.contains("The old schema cannot read data written with the new schema"));
        // removing b's default: v3 cannot read v1 data, so FULL_TRANSITIVE rejects it
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL_TRANSITIVE, V3, V1_V2)).isNotEmpty();
    }

    @Test
    void noneAcceptsAnything() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.NONE, BROKEN, V1_V2)).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL, BROKEN, List.of())).isEmpty();
    }
}
