package be.petition.gateway;

import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What operators poll: liveness, readiness (Kafka and the Schema Registry answer) and the Prometheus metrics. */
final class HealthRoutes {
    private final KafkaHealth kafka;
    private final RegistryHealth registry;
    private final GatewayMetrics metrics;
    private final ExpositionFormats formats = ExpositionFormats.init();

    HealthRoutes(KafkaHealth kafka, RegistryHealth registry, GatewayMetrics metrics) {
        this.kafka = kafka;
        this.registry = registry;
        this.metrics = metrics;
    }

    void live(Context ctx) {
        Responses.json(ctx, 200, Map.of("status", "live"));
    }

    void ready(Context ctx) {
        Map<String, String> down = new LinkedHashMap<>();
        if (!kafka.reachable()) {
            down.put("kafka", "unreachable");
        }
        if (!registry.reachable()) {
            down.put("registry", "unreachable");
        }
        if (down.isEmpty()) {
            Responses.json(ctx, 200, Map.of("status", "ready"));
        } else {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("status", "unavailable");
            body.putAll(down);
            Responses.json(ctx, 503, body);
        }
    }

    void metrics(Context ctx) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        writer.write(out, metrics.registry.scrape());
        ctx.contentType(writer.getContentType()).result(out.toByteArray());
    }
}
