package be.petition.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSecretsTest {
    @TempDir
    Path dataDir;

    @Test
    void makesDevelopmentSecretsOnceAndKeepsThemPrivate() throws Exception {
        var first = DevSecrets.resolve(dataDir, Map.of());
        var second = DevSecrets.resolve(dataDir, Map.of());

        assertThat(first.keySet()).containsExactlyInAnyOrder("pepper", "app.api.key", "app.install.key",
                "telephony.token", "confirm.key", "streams.internal.secret");
        assertThat(second).isEqualTo(first);
        assertThat(first.get("pepper").value()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(first.get("pepper").value()).isNotEqualTo(first.get("app.api.key").value());
        assertThat(first.get("app.install.key").value()).hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(first.get("pepper").value());
        Path pepper = Path.of(first.get("pepper").origin());
        assertThat(pepper).startsWith(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pepper))).isEqualTo("rw-------");
    }

    @Test
    void theEnvironmentWinsAndIsNotWrittenToDisk() throws Exception {
        Path tokenFile = dataDir.resolve("token.txt");
        Files.writeString(tokenFile, "from-a-file\n");
        var secrets = DevSecrets.resolve(dataDir, Map.of(
                "PETITION_PEPPER", "pepper-from-the-environment",
                "PETITION_TELEPHONY_TOKEN_FILE", tokenFile.toString()));

        assertThat(secrets.get("pepper").value()).isEqualTo("pepper-from-the-environment");
        assertThat(secrets.get("pepper").origin()).isEqualTo("$PETITION_PEPPER");
        assertThat(secrets.get("telephony.token").value()).isEqualTo("from-a-file");
        assertThat(dataDir.resolve("secrets").resolve("pepper")).doesNotExist();
    }
}
