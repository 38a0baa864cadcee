package be.petition.registry.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's users, from a properties file with one line per user, as Confluent's JAAS property file:
 * {@code alice: pbkdf2-sha256$600000$<salt>$<hash>, admin}. Roles: {@code readonly} (reads) and {@code admin}
 * (reads and every change). {@code petition registry hash-password} makes the line.
 */
final class RegistryUsers {
    enum Role { READONLY, ADMIN }

    private record User(PasswordHash hash, Role role) {
    }

    private final Map<String, User> users;
    /** Per user, a fast digest of the last password PBKDF2 accepted, so a client's every request is not 0.5 s of CPU. */
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final Object slowCheck = new Object();

    private RegistryUsers(Map<String, User> users) {
        this.users = users;
    }

    static RegistryUsers load(Path file) {
        Properties lines = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the registry's users file " + file + ": " + e.getMessage(), e);
        }
        Map<String, User> users = new HashMap<>();
        for (String name : lines.stringPropertyNames()) {
            String[] parts = lines.getProperty(name).split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("User " + name + " in " + file + " must be written"
                        + " `name: <password hash>, readonly|admin`");
            }
            String fix = ". Make the line with `petition registry hash-password --user " + name + " --role admin`.";
            Role role = switch (parts[1].trim().toLowerCase(Locale.ROOT)) {
                case "readonly" -> Role.READONLY;
                case "admin" -> Role.ADMIN;
                default -> throw new IllegalArgumentException("User " + name + " in " + file
                        + " has an unknown role: use readonly or admin" + fix);
            };
            try {
                users.put(name, new User(PasswordHash.parse(parts[0]), role));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("User " + name + " in " + file + " has " + e.getMessage() + fix);
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("The registry's users file " + file + " has no users: with"
                    + " authentication on, nobody could use the registry");
        }
        return new RegistryUsers(Map.copyOf(users));
    }

    /** The user's role if the password is theirs; empty for an unknown user or a wrong password. */
    Optional<Role> authenticate(String name, String password) {
        User user = users.get(name);
        if (user == null) {
            return Optional.empty();
        }
        char[] chars = password.toCharArray();
        byte[] digest = user.hash().fastDigest(chars);
        byte[] known = verified.get(name);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return Optional.of(user.role());
        }
        // one PBKDF2 at a time: a flood of wrong passwords costs one core, and users already verified pass above
        synchronized (slowCheck) {
            if (!user.hash().matches(chars)) {
                return Optional.empty();
            }
        }
        verified.put(name, digest);
        return Optional.of(user.role());
    }
}
