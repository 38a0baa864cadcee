package be.petition.gateway;

import be.petition.config.ServiceConfig;
import be.petition.registry.client.SchemaRegistryClient;
import be.petition.registry.client.SchemaRegistryClients;
import be.petition.serde.AvroSerdeConfig;
import java.time.Duration;

/**
 * Whether the Schema Registry answers, checked in the background (one request, no retries, the gateway's short
 * registry timeouts) so the readiness probe answers at once from the last result.
 */
final class RegistryHealth implements AutoCloseable {
    private final BackgroundCheck check;

    RegistryHealth(ServiceConfig config, Duration interval) {
        SchemaRegistryClient client = SchemaRegistryClients.forConfig(new AvroSerdeConfig(config.serde()));
        // The gateway resolved its schemas at start: the registry answered a moment ago.
        this.check = new BackgroundCheck("gateway-registry-health", interval, true, interval, () -> {
            client.ping();
            return true;
        });
    }

    boolean reachable() {
        return check.passing();
    }

    @Override
    public void close() {
        check.close();
    }
}
