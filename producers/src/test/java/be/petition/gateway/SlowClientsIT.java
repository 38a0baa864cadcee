package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * More connections trickling request bodies than the gateway has request threads: each slow one is cut (408 or
 * closed) and a normal request is still answered at once.
 */
@ExtendWith(EmbeddedStackExtension.class)
class SlowClientsIT {
    private static final int THREADS = 24;

    @Test
    void tricklingClientsAreCutAndNormalRequestsStillAnswered() throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        ExecutorService trickler = Executors.newSingleThreadExecutor();
        try (GatewayServer gateway = GatewayServer.start(GatewayIT.config(stack.bootstrapServers(),
                stack.schemaRegistryUrl(), Map.of(GatewayServer.HTTP_THREADS, Integer.toString(THREADS),
                        GatewayServer.HTTP_IDLE_TIMEOUT, "2s", GatewayServer.HTTP_MIN_REQUEST_DATA_RATE, "100",
                        GatewayServer.TELEPHONY_UNSIGNED, "true")));
             SlowClients slow = new SlowClients("127.0.0.1", gateway.port(), THREADS + 16, "/v1/signatures/web")) {
            // the clients' behaviour: a byte every 200 ms on each connection, until the test ends
            Future<?> trickling = trickler.submit(() -> {
                while (!Thread.currentThread().isInterrupted() && !slow.allCut()) {
                    slow.trickle();
                    try {
                        TimeUnit.MILLISECONDS.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            GatewayClient client = new GatewayClient(gateway.url());
            String body = "{\"submissionId\":\"slow-%d\",\"email\":\"slow@mail.be\",\"postalCode\":\"1000\","
                    + "\"language\":\"fr\"}";
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                assertThat(client.json("/v1/signatures/web", body.formatted(i)).status()).isEqualTo(202);
                assertThat(client.json("/v1/signatures/web", "{").status()).isEqualTo(400);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered while the slow ones hold on")
                        .isLessThan(Duration.ofSeconds(5));
            }
            await().atMost(Duration.ofSeconds(20)).until(slow::allCut);
            assertThat(slow.answers()).allSatisfy(answer -> assertThat(answer).isIn("closed", "HTTP/1.1 408 Request Timeout"));
            trickling.cancel(true);
        } finally {
            trickler.shutdownNow();
        }
    }
}
