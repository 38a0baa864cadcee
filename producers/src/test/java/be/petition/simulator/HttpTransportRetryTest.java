package be.petition.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request whose outcome is unknown (a 5xx, no answer) is sent again unchanged while {@code simulate.retry.for}
 * lasts, so that its eventual 2xx, for the same event, puts it in the ground truth (scripts/chaos kills the gateway
 * with requests in flight).
 */
class HttpTransportRetryTest {
    private HttpServer server;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer;
            int status;
            if (failuresLeft.getAndDecrement() > 0) {
                status = 503;
                answer = "{\"error\":\"kafka unavailable\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 202;
                answer = ("{\"eventId\":\"6f1c2d3e-0000-4000-8000-000000000001\",\"eventTime\":\"2026-11-29T12:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int send(Duration retryFor) throws Exception {
        TrafficPlan plan = new TrafficPlan(SimulationSettings.from(SimulatorTest.config(Map.of(
                "simulate.mix.web", "0", "simulate.mix.app", "0", "simulate.share.duplicates", "0",
                "simulate.share.resent", "0", "simulate.share.withdrawals", "0", "simulate.share.malformed", "0",
                "simulate.share.withheld", "0"))));
        HttpTransport transport = new HttpTransport("http://127.0.0.1:" + server.getAddress().getPort(), null, null,
                null, retryFor);
        CompletableFuture<Integer> status = new CompletableFuture<>();
        transport.send(plan.next(), (planned, code, eventId, eventTime) -> status.complete(code));
        return status.get(20, TimeUnit.SECONDS);
    }

    @Test
    void sendsTheSameRequestAgainUntilA2xx() throws Exception {
        failuresLeft.set(2);
        assertThat(send(Duration.ofSeconds(10))).isEqualTo(202);
        assertThat(bodies).hasSize(3);
        assertThat(bodies).containsOnly(bodies.get(0));
    }

    @Test
    void withoutRetriesA5xxIsFinal() throws Exception {
        failuresLeft.set(1);
        assertThat(send(Duration.ZERO)).isEqualTo(503);
        assertThat(bodies).hasSize(1);
    }
}
