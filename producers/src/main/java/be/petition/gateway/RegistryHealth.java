package be.petition.gateway;

import be.petition.config.ServiceConfig;
import be.petition.registry.client.SchemaRegistryClient;
import be.petition.registry.client.SchemaRegistryClients;
import be.petition.serde.AvroSerdeConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Schema Registry answers, checked in the background (one request, no retries, the gateway's short
 * registry timeouts) so the readiness probe answers at once from the last result.
 */
final class RegistryHealth implements AutoCloseable {
    private final SchemaRegistryClient client;
    private final ScheduledExecutorService checker;
    private volatile boolean reachable;

    RegistryHealth(ServiceConfig config, Duration interval) {
        this.client = SchemaRegistryClients.forConfig(new AvroSerdeConfig(config.serde()));
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gateway-registry-health");
            thread.setDaemon(true);
            return thread;
        });
        // The gateway resolved its schemas at start: the registry answered a moment ago.
        this.reachable = true;
        checker.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            client.ping();
            reachable = true;
        } catch (RuntimeException e) {
            reachable = false;
        }
    }

    boolean reachable() {
        return reachable;
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
