package be.petition.serde;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Serde and registry-client settings. The keys are Confluent's own, so an operator's existing
 * {@code schema.registry.*} properties work unchanged.
 */
public final class AvroSerdeConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** With {@code use.latest.version}: refuse a latest schema that cannot represent the record (default true). */
    public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String SCHEMA_REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String SCHEMA_REGISTRY_CREDENTIALS_SOURCE = "schema.registry.basic.auth.credentials.source";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String SSL_PREFIX = "schema.registry.ssl.";
    public static final String SSL_TRUSTSTORE_LOCATION = SSL_PREFIX + "truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = SSL_PREFIX + "truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = SSL_PREFIX + "truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = SSL_PREFIX + "keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = SSL_PREFIX + "keystore.password";
    public static final String SSL_KEYSTORE_TYPE = SSL_PREFIX + "keystore.type";
    public static final String SSL_KEY_PASSWORD = SSL_PREFIX + "key.password";
    /** TLS protocol for the registry connection, e.g. TLSv1.3 (default: the JDK's TLS). */
    public static final String SSL_PROTOCOL = SSL_PREFIX + "protocol";
    /** {@code https} (the default) checks the registry's host name against its certificate; empty turns that off. */
    public static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM = SSL_PREFIX + "endpoint.identification.algorithm";

    /**
     * Confluent's serde keys that an operator may write without the {@code serde.} prefix in a service's
     * properties; {@code schema.registry.*} and {@code basic.auth.*} keys pass anyway.
     */
    public static final Set<String> TOP_LEVEL_KEYS = Set.of(AUTO_REGISTER_SCHEMAS, USE_LATEST_VERSION,
            LATEST_COMPATIBILITY_STRICT, KEY_SUBJECT_NAME_STRATEGY, VALUE_SUBJECT_NAME_STRATEGY, MAX_RETRIES,
            RETRIES_WAIT_MS, RETRIES_MAX_WAIT_MS, HTTP_CONNECT_TIMEOUT_MS, HTTP_READ_TIMEOUT_MS);

    private final Map<String, ?> configs;

    public AvroSerdeConfig(Map<String, ?> configs) {
        // Map.copyOf refuses null values, which Kafka config maps may hold: those mean "not set".
        Map<String, Object> copy = new java.util.HashMap<>();
        configs.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        this.configs = Map.copyOf(copy);
    }

    public Map<String, ?> originals() {
        return configs;
    }

    public String registryUrl() {
        String url = string(SCHEMA_REGISTRY_URL, null);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Missing required configuration \"" + SCHEMA_REGISTRY_URL
                    + "\": set it to the Schema Registry's address, e.g. http://localhost:8081");
        }
        return url.trim();
    }

    /** The registry URLs: {@code schema.registry.url} may list several, comma-separated, tried in turn. */
    public List<String> registryUrls() {
        return List.of(registryUrl().split("\\s*,\\s*")).stream().filter(url -> !url.isBlank()).toList();
    }

    public boolean autoRegisterSchemas() {
        return bool(AUTO_REGISTER_SCHEMAS, true);
    }

    public boolean useLatestVersion() {
        return bool(USE_LATEST_VERSION, false);
    }

    public boolean latestCompatibilityStrict() {
        return bool(LATEST_COMPATIBILITY_STRICT, true);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        String name = string(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY, null);
        return SubjectNameStrategy.named(name);
    }

    /** user:password for HTTP basic auth, or null. Honours {@code basic.auth.credentials.source}. */
    public String basicAuthUserInfo() {
        String source = basicAuthCredentialsSource();
        switch (source) {
            case "USER_INFO" -> {
                String info = string(BASIC_AUTH_USER_INFO, null);
                return info != null ? info : string(SCHEMA_REGISTRY_USER_INFO, null);
            }
            case "URL" -> {
                return null;
            }
            case "SASL_INHERIT" -> throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE
                    + "=SASL_INHERIT is not supported: set USER_INFO and " + BASIC_AUTH_USER_INFO);
            default -> throw new IllegalArgumentException("Unknown " + BASIC_AUTH_CREDENTIALS_SOURCE + " \""
                    + source + "\": use USER_INFO or URL");
        }
    }

    /** USER_INFO (the default: {@code basic.auth.user.info}) or URL (the user info of {@code schema.registry.url}). */
    public String basicAuthCredentialsSource() {
        String source = string(BASIC_AUTH_CREDENTIALS_SOURCE, string(SCHEMA_REGISTRY_CREDENTIALS_SOURCE, "USER_INFO"));
        return source.trim().toUpperCase(Locale.ROOT);
    }

    public int maxRetries() {
        return integer(MAX_RETRIES, 3);
    }

    public long retriesWaitMs() {
        return integer(RETRIES_WAIT_MS, 250);
    }

    public long retriesMaxWaitMs() {
        return integer(RETRIES_MAX_WAIT_MS, 5_000);
    }

    public int connectTimeoutMs() {
        return integer(HTTP_CONNECT_TIMEOUT_MS, 10_000);
    }

    public int readTimeoutMs() {
        return integer(HTTP_READ_TIMEOUT_MS, 30_000);
    }

    public String string(String key, String defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof org.apache.kafka.common.config.types.Password password) {
            return password.value();
        }
        if (value instanceof Collection<?> list) {
            // Confluent accepts schema.registry.url as a list too
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        return value.toString();
    }

    private boolean bool(String key, boolean defaultValue) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String text = value.trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("\"" + key + "\" must be true or false, not \"" + text + "\"");
        }
        return Boolean.parseBoolean(text);
    }

    private int integer(String key, int defaultValue) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + key + "\" must be a whole number, not \"" + value + "\"");
        }
    }
}
