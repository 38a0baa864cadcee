package be.petition.gateway;

import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/** What operators poll: liveness, readiness (Kafka answers) and the Prometheus metrics. */
final class HealthRoutes {
    private final KafkaHealth kafka;
    private final GatewayMetrics metrics;
    private final ExpositionFormats formats = ExpositionFormats.init();

    HealthRoutes(KafkaHealth kafka, GatewayMetrics metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    void live(Context ctx) {
        Responses.json(ctx, 200, Map.of("status", "live"));
    }

    void ready(Context ctx) {
        if (kafka.reachable()) {
            Responses.json(ctx, 200, Map.of("status", "ready"));
        } else {
            Responses.json(ctx, 503, Map.of("status", "unavailable", "kafka", "unreachable"));
        }
    }

    void metrics(Context ctx) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        writer.write(out, metrics.registry.scrape());
        ctx.contentType(writer.getContentType()).result(out.toByteArray());
    }
}
