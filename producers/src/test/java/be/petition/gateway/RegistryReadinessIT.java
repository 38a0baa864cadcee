package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway resolves its schemas at start, never waits for the registry later, and its readiness includes it. */
@ExtendWith(EmbeddedStackExtension.class)
class RegistryReadinessIT {

    @Test
    void withoutARegistryTheGatewayDoesNotStartAndSaysWhereItLooked() throws IOException {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        long started = System.nanoTime();
        assertThatThrownBy(() -> GatewayServer.start(GatewayIT.config(stack.bootstrapServers(), url,
                Map.of(GatewayServer.TELEPHONY_UNSIGNED, "true"))))
                .hasMessageContaining(url).hasMessageContaining("unreachable")
                .hasMessageContaining("Start the Schema Registry, or correct schema.registry.url");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("short registry timeouts, few retries")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void readinessSaysWhenTheRegistryIsGoneWhileRequestsStillGoThrough() throws IOException {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        HttpServer registry = fakeRegistry();
        try (GatewayServer gateway = GatewayServer.start(GatewayIT.config(stack.bootstrapServers(),
                "http://127.0.0.1:" + registry.getAddress().getPort(), Map.of(GatewayServer.TELEPHONY_UNSIGNED, "true")))) {
            GatewayClient client = new GatewayClient(gateway.url());
            await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/health/ready").status() == 200);

            registry.stop(0);
            await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/health/ready").status() == 503);
            assertThat(client.get("/health/ready").json())
                    .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                            "{\"status\":\"unavailable\",\"registry\":\"unreachable\"}"));
            GatewayClient.Response call = client.post("/v1/telephony/calls", "application/x-www-form-urlencoded",
                    "CallSid=CAnoregistry&From=%2B3242123456&CallStatus=completed");
            assertThat(call.status()).as("its schemas were resolved at start").isEqualTo(202);
        } finally {
            registry.stop(0);
        }
    }

    /** Registers any schema (a new id each time) and answers GET /config: enough for a gateway. */
    private static HttpServer fakeRegistry() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger ids = new AtomicInteger();
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST") && path.endsWith("/versions")) {
                answer(exchange, 200, "{\"id\":" + ids.incrementAndGet() + "}");
            } else if (path.equals("/config")) {
                answer(exchange, 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
            } else {
                answer(exchange, 404, "{\"error_code\":404,\"message\":\"not here\"}");
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
