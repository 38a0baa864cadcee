package be.petition.serde;

import java.util.Map;

/**
 * Serde and registry-client settings. The keys are Confluent's own, so an operator's existing
 * {@code schema.registry.*} properties work unchanged.
 */
public final class AvroSerdeConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String SCHEMA_REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
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

    private final Map<String, ?> configs;

    public AvroSerdeConfig(Map<String, ?> configs) {
        this.configs = Map.copyOf(configs);
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

    public boolean autoRegisterSchemas() {
        return bool(AUTO_REGISTER_SCHEMAS, true);
    }

    public boolean useLatestVersion() {
        return bool(USE_LATEST_VERSION, false);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        String name = string(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY, null);
        return SubjectNameStrategy.named(name);
    }

    /** user:password for HTTP basic auth, or null. Honours {@code basic.auth.credentials.source}. */
    public String basicAuthUserInfo() {
        String source = string(BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO").toUpperCase();
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
        return value instanceof org.apache.kafka.common.config.types.Password p ? p.value() : value.toString();
    }

    private boolean bool(String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("\"" + key + "\" must be true or false, not \"" + text + "\"");
        }
        return Boolean.parseBoolean(text);
    }

    private int integer(String key, int defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + key + "\" must be a whole number, not \"" + value + "\"");
        }
    }
}
