package be.petition.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * Serves a fixed Prometheus text on 127.0.0.1 at {@code /metrics}, as the gateway's does
 * (be.petition.gateway.ConfirmationMetrics): {@code petition_gateway_confirmations_total{kind, stage}} and
 * {@code petition_gateway_mails_total{outcome}}, with the other metrics a gateway also writes around them.
 */
final class FakeGateway implements AutoCloseable {
    private final HttpServer server;
    private final String metrics;
    volatile int failWith;

    FakeGateway(String metrics) throws IOException {
        this.metrics = metrics;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", this::metrics);
        server.start();
    }

    /** The metrics of a gateway that mailed {@code pending} links, of which so many were confirmed... */
    static String metrics(long pendingSignatures, long pendingWithdrawals, long confirmed, long expired, long invalid,
            long failedMails) {
        return """
                # HELP jvm_memory_used_bytes Used bytes of a given JVM memory area.
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap"} 1.2345678E7
                # HELP petition_gateway_confirmations_total Double opt-in by stage (pending: mail queued)
                # TYPE petition_gateway_confirmations_total counter
                petition_gateway_confirmations_total{kind="signature",stage="confirmed"} %d.0
                petition_gateway_confirmations_total{kind="signature",stage="expired"} %d.0
                petition_gateway_confirmations_total{kind="signature",stage="pending"} %d.0
                petition_gateway_confirmations_total{kind="unknown",stage="invalid"} %d.0
                petition_gateway_confirmations_total{kind="withdrawal",stage="pending"} %d.0
                # HELP petition_gateway_mails_total Confirmation mails by outcome
                # TYPE petition_gateway_mails_total counter
                petition_gateway_mails_total{outcome="failed"} %d.0
                petition_gateway_mails_total{outcome="retried"} 7.0
                petition_gateway_mails_total{outcome="sent"} 1000.0
                # TYPE petition_gateway_mail_queue gauge
                petition_gateway_mail_queue 0.0
                """.formatted(confirmed, expired, pendingSignatures, invalid, pendingWithdrawals, failedMails);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
    }

    /** A URL on a port where nothing listens. */
    static String closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/metrics";
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        int code = failWith != 0 ? failWith : 200;
        byte[] bytes = (failWith != 0 ? "error" : metrics).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
