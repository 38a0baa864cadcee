package be.petition.config;

import be.petition.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A service's settings, from lowest to highest precedence: the documented defaults file on the classpath
 * (e.g. {@code gateway.properties}), an optional operator file, environment variables, then CLI flags.
 *
 * <p>An environment variable {@code PETITION_GATEWAY_PORT} sets {@code gateway.port}: upper case, dots
 * become underscores, prefixed with {@code PETITION_} (so keys meant to be set from the environment use dots,
 * not dashes or underscores). Settings under {@code kafka.} are Kafka client settings passed through unchanged
 * (so SASL/TLS work); settings under {@code schema.registry.} and {@code basic.auth.}, Confluent's serde keys
 * ({@code auto.register.schemas}, ...) and {@code serde.*} go to the Avro serde (see {@link #serde()}).
 */
public final class ServiceConfig {
    public static final String ENV_PREFIX = "PETITION_";
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String SERDE_PREFIX = "serde.";

    // user:password@ in a URL value such as schema.registry.url=https://user:pass@host
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(://)[^/@\\s,]+@");

    private final Map<String, String> values;

    private ServiceConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static ServiceConfig of(Map<String, String> values) {
        return new ServiceConfig(values);
    }

    /**
     * Loads a service's settings.
     *
     * @param defaultsResource classpath resource with the documented defaults, e.g. {@code gateway.properties}
     * @param operatorFile an operator's properties file, or null
     * @param env the environment (System.getenv() in production)
     * @param overrides CLI flags, highest precedence
     */
    public static ServiceConfig load(String defaultsResource, Path operatorFile, Map<String, String> env,
                                     Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        try (InputStream in = ServiceConfig.class.getClassLoader().getResourceAsStream(defaultsResource)) {
            if (in == null) {
                throw new IllegalStateException("Defaults file " + defaultsResource + " is missing from the classpath");
            }
            putAll(values, in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + defaultsResource + ": " + e.getMessage(), e);
        }
        if (operatorFile != null) {
            try (InputStream in = Files.newInputStream(operatorFile)) {
                putAll(values, in);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the configuration file " + operatorFile + ": "
                        + e.getMessage(), e);
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                values.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        values.putAll(overrides);
        return new ServiceConfig(values);
    }

    private static void putAll(Map<String, String> values, InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
    }

    /** A copy with some settings replaced, e.g. the ports `petition up` picked. */
    public ServiceConfig with(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides);
        return new ServiceConfig(copy);
    }

    public String string(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing setting \"" + key + "\": set it in the properties file, as "
                    + envName(key) + ", or with --set " + key + "=...");
        }
        return value;
    }

    public String string(String key, String defaultValue) {
        String value = values.get(key);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    /**
     * A secret: the setting itself, or else the trimmed content of the file named by {@code <key>.file}
     * (e.g. {@code PETITION_PEPPER_FILE=/run/secrets/pepper} for {@code pepper}), so secrets need not sit in
     * the environment. The error never shows a value.
     */
    public String secret(String key) {
        String value = values.get(key);
        if (value != null && !value.isBlank()) {
            return value;
        }
        String file = string(key + ".file", null);
        if (file == null) {
            throw new IllegalArgumentException("Missing secret \"" + key + "\": set " + envName(key) + ", or "
                    + envName(key + ".file") + " to a file that holds it");
        }
        try {
            String content = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).trim();
            if (content.isEmpty()) {
                throw new IllegalArgumentException("The file " + file + " named by " + key + ".file is empty");
            }
            return content;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the secret \"" + key + "\" from " + file + " (named by "
                    + key + ".file): " + e.getMessage(), e);
        }
    }

    public int integer(String key) {
        String value = string(key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting \"" + key + "\" must be a whole number, not \"" + value + "\"");
        }
    }

    public long longValue(String key) {
        String value = string(key);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting \"" + key + "\" must be a whole number, not \"" + value + "\"");
        }
    }

    public boolean bool(String key) {
        String value = string(key).trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("Setting \"" + key + "\" must be true or false, not \"" + value + "\"");
        }
        return Boolean.parseBoolean(value);
    }

    /** An ISO-8601 duration ({@code PT5M}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    public Duration duration(String key) {
        String value = string(key).trim();
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1).trim());
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting \"" + key + "\" must be a duration such as 500ms, 30s, 5m, 2h"
                    + " or PT5M, not \"" + value + "\"");
        }
    }

    /** The Kafka client settings ({@code kafka.*}, prefix removed), passed to clients unchanged. */
    public Map<String, Object> kafka() {
        return withPrefix(KAFKA_PREFIX, true);
    }

    /**
     * The Avro serde settings: {@code schema.registry.*}, {@code basic.auth.*} and Confluent's other serde keys
     * ({@code auto.register.schemas}, {@code use.latest.version}, {@code value.subject.name.strategy}, ...) as
     * they are, so an operator's existing properties work; then {@code serde.*} without the prefix, which wins.
     */
    public Map<String, Object> serde() {
        Map<String, Object> serde = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("schema.registry.") || key.startsWith("basic.auth.")
                    || AvroSerdeConfig.TOP_LEVEL_KEYS.contains(key)) {
                serde.put(key, value);
            }
        });
        values.forEach((key, value) -> {
            if (key.startsWith(SERDE_PREFIX) && key.length() > SERDE_PREFIX.length()) {
                serde.put(key.substring(SERDE_PREFIX.length()), value);
            }
        });
        return serde;
    }

    public Map<String, Object> withPrefix(String prefix, boolean strip) {
        Map<String, Object> selected = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                selected.put(strip ? key.substring(prefix.length()) : key, value);
            }
        });
        return selected;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=')
                .append(isSecret(key) ? "[hidden]" : URL_CREDENTIALS.matcher(value).replaceAll("$1[hidden]@"))
                .append('\n'));
        return text.toString();
    }

    /** Whether a setting's value must never be printed or logged. */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas")
                || lower.contains("pepper") || lower.contains("token") || lower.contains("api.key")
                || lower.contains("install.key")
                || lower.contains("user.info") || lower.endsWith("keystore.key") || lower.contains("private.key")
                || lower.contains("credentials.inline");
    }
}
