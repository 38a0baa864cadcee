package be.petition.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets `petition up` needs. A value from the environment (or the file it names with {@code _FILE}) wins;
 * otherwise a development value is made once and kept in the data directory, so signer keys stay stable
 * across restarts of a local stack.
 */
final class DevSecrets {
    /** Environment variable → setting it becomes in every service. */
    static final Map<String, String> SECRETS = Map.of(
            "PETITION_PEPPER", "pepper",
            "PETITION_APP_API_KEY", "app.api.key",
            "PETITION_APP_INSTALL_KEY", "app.install.key",
            "PETITION_TELEPHONY_TOKEN", "telephony.token",
            "PETITION_CONFIRM_KEY", "confirm.key",
            // the Streams instances' shared secret for /internal/v1/* (be.petition.query.InternalSecret)
            "PETITION_STREAMS_INTERNAL_SECRET", "streams.internal.secret");

    private DevSecrets() {
    }

    record Secret(String setting, String value, String origin) {
    }

    static Map<String, Secret> resolve(Path dataDir, Map<String, String> env) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (var entry : new java.util.TreeMap<>(SECRETS).entrySet()) {
            String variable = entry.getKey();
            String setting = entry.getValue();
            if (env.containsKey(variable) && !env.get(variable).isBlank()) {
                secrets.put(setting, new Secret(setting, env.get(variable).trim(), "$" + variable));
            } else if (env.containsKey(variable + "_FILE")) {
                Path file = Path.of(env.get(variable + "_FILE"));
                secrets.put(setting, new Secret(setting, read(file), file.toString()));
            } else {
                Path file = dataDir.resolve("secrets").resolve(setting.replace('.', '-'));
                if (!Files.exists(file)) {
                    write(file, random());
                }
                secrets.put(setting, new Secret(setting, read(file), file.toString()));
            }
        }
        return secrets;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the directory's permissions
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the development secret " + file + ": " + e.getMessage(), e);
        }
    }
}
