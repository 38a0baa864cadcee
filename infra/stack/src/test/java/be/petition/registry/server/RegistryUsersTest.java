package be.petition.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.registry.server.RegistryUsers.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file: hashes, never passwords; a role per user; mistakes are refused at start, not at the first request. */
class RegistryUsersTest {
    @TempDir
    Path dir;

    @Test
    void knownUsersWithTheirPasswordGetTheirRole() throws IOException {
        RegistryUsers users = RegistryUsers.load(write(
                "alice: " + PasswordHash.create("alice-pw".toCharArray(), 1000) + ", admin",
                "bob = " + PasswordHash.create("bob-pw".toCharArray(), 1000) + ", readonly"));

        assertThat(users.authenticate("alice", "alice-pw")).contains(Role.ADMIN);
        assertThat(users.authenticate("alice", "alice-pw")).contains(Role.ADMIN); // remembered, same answer
        assertThat(users.authenticate("bob", "bob-pw")).contains(Role.READONLY);
        assertThat(users.authenticate("bob", "alice-pw")).isEmpty();
        assertThat(users.authenticate("alice", "alice-pw ")).isEmpty();
        assertThat(users.authenticate("carol", "alice-pw")).isEmpty();
    }

    @Test
    void hashesAreSaltedSoTheSamePasswordNeverHashesTheSame() {
        String first = PasswordHash.create("same".toCharArray(), 1000);
        assertThat(first).startsWith("pbkdf2-sha256$1000$").doesNotContain("same");
        assertThat(PasswordHash.create("same".toCharArray(), 1000)).isNotEqualTo(first);
        assertThat(PasswordHash.parse(first).matches("same".toCharArray())).isTrue();
    }

    @Test
    void aPlainPasswordOrAnUnknownRoleStopsTheStart() throws IOException {
        assertThatThrownBy(() -> RegistryUsers.load(write("alice: secret, admin")))
                .hasMessageContaining("User alice").hasMessageContaining("pbkdf2-sha256").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RegistryUsers.load(write(
                "alice: " + PasswordHash.create("pw".toCharArray(), 1000) + ", root")))
                .hasMessageContaining("unknown role");
        assertThatThrownBy(() -> RegistryUsers.load(write("# nobody"))).hasMessageContaining("no users");
    }

    private Path write(String... lines) throws IOException {
        return Files.write(Files.createTempFile(dir, "users", ".properties"), List.of(lines));
    }
}
