package be.petition.audit;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * The scheduled audit's metrics on {@code http://HOST:PORT/metrics}, for the data team's dashboard and alerts:
 * {@code petition_audit_difference} is what to watch (0 = the live counts are right).
 */
final class AuditMetrics implements AutoCloseable {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge difference = Gauge.builder().name("petition_audit_difference")
            .help("Sum of the absolute differences between the audit's recount and the live counts, over every"
                    + " channel x region and day x channel x region cell, at the last audit (0 = equal)")
            .register(registry);
    private final Gauge differingCells = Gauge.builder().name("petition_audit_differing_cells")
            .help("Cells that differed at the last audit").labelNames("kind").register(registry);
    private final Gauge lastSuccess = Gauge.builder().name("petition_audit_last_success_timestamp_seconds")
            .help("When the last audit completed its comparison (equal or not); older than two intervals = the audit"
                    + " is failing").register(registry);
    private final Gauge records = Gauge.builder().name("petition_audit_records")
            .help("Raw records read by the last audit").register(registry);
    private final Gauge signatures = Gauge.builder().name("petition_audit_signatures")
            .help("Signatures counted at the last audit, by the recount and by the live query API")
            .labelNames("campaign", "source").register(registry);
    private final Gauge recordsPerSecond = Gauge.builder().name("petition_audit_records_per_second")
            .help("Speed of the last audit's read of the raw topics").register(registry);
    private final Counter runs = Counter.builder().name("petition_audit_runs_total")
            .help("Audits run, by outcome: equal, different, failed").labelNames("outcome").register(registry);
    private final HttpServer server;
    private final ExpositionFormats formats = ExpositionFormats.init();

    AuditMetrics(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new AuditException("Cannot serve the audit's metrics on " + host + ":" + port + " (" + e.getMessage()
                    + "). Is the port taken? Pick another with --metrics-port or audit.metrics.port.", e);
        }
        server.createContext("/metrics", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            var writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
            writer.write(body, registry.scrape());
            exchange.getResponseHeaders().add("Content-Type", writer.getContentType());
            exchange.sendResponseHeaders(200, body.size());
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void recorded(AuditResult result) {
        difference.set(result.absoluteDifference());
        for (String kind : new String[] {Difference.CHANNEL_REGION, Difference.DAY, Difference.DAYS_OUTSIDE}) {
            differingCells.labelValues(kind).set(result.differences().stream().filter(d -> d.kind().equals(kind))
                    .count());
        }
        lastSuccess.set(result.auditedAt().toEpochMilli() / 1000.0);
        records.set(result.records());
        recordsPerSecond.set(result.recordsPerSecond());
        result.recountTotal().forEach((campaign, total) -> signatures.labelValues(campaign, "recount").set(total));
        result.liveTotal().forEach((campaign, total) -> signatures.labelValues(campaign, "live").set(total));
        runs.labelValues(result.equal() ? "equal" : "different").inc();
    }

    void failed() {
        runs.labelValues("failed").inc();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
