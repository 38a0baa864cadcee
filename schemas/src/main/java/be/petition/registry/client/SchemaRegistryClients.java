package be.petition.registry.client;

import be.petition.serde.AvroSerdeConfig;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Picks the client for {@code schema.registry.url}: {@code mock://scope} is in memory, anything else is REST. */
public final class SchemaRegistryClients {
    public static final String MOCK_SCHEME = "mock://";

    // Streams makes a serde per task: sharing one client per configuration shares its caches too.
    private static final Map<Map<String, String>, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient forConfig(AvroSerdeConfig config) {
        String url = config.registryUrl();
        if (url.startsWith(MOCK_SCHEME)) {
            return InMemorySchemaRegistryClient.forScope(url.substring(MOCK_SCHEME.length()));
        }
        Map<String, String> key = new TreeMap<>();
        config.originals().forEach((name, value) -> {
            if (isClientSetting(name) && value != null) {
                key.put(name, String.valueOf(value));
            }
        });
        return SHARED.computeIfAbsent(key, k -> new RestSchemaRegistryClient(config));
    }

    private static boolean isClientSetting(String name) {
        return name.startsWith("schema.registry.") || name.startsWith("basic.auth.") || name.startsWith("http.")
                || name.startsWith("retries.") || name.equals(AvroSerdeConfig.MAX_RETRIES);
    }
}
