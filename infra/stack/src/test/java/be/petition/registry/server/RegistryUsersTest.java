package be.petition.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.registry.server.RegistryUsers.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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

    @Test
    void hashPasswordPrintsALineTheUsersFileAccepts() throws IOException {
        InputStream stdin = System.in;
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream("s3cret pw\n".getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(new CommandLine(new HashPasswordCommand())
                    .execute("--user", "grafana", "--role", "readonly", "--iterations", "1000")).isZero();
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
        }
        String line = printed.toString(StandardCharsets.UTF_8).trim();
        assertThat(line).startsWith("grafana: pbkdf2-sha256$1000$").endsWith(", readonly").doesNotContain("s3cret");
        assertThat(RegistryUsers.load(write(line)).authenticate("grafana", "s3cret pw")).contains(Role.READONLY);
    }

    private Path write(String... lines) throws IOException {
        return Files.write(Files.createTempFile(dir, "users", ".properties"), List.of(lines));
    }
}
