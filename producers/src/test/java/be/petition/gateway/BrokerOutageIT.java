package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.broker.EmbeddedBroker;
import be.petition.provisioning.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka goes away: the gateway answers 503 with Retry-After, then accepts again once Kafka is back. */
class BrokerOutageIT {

    @Test
    void answers503WhileKafkaIsDownAndRecovers(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("broker"));
        EmbeddedBroker broker = EmbeddedBroker.start(data, 0, 0);
        int port = broker.port();
        int controllerPort = broker.controllerPort();
        TopicProvisioner.forLocalCluster(broker.bootstrapServers()).provision();
        AtomicInteger submission = new AtomicInteger();
        // the gateway's own Kafka and health settings: what is measured is what ships
        try (GatewayServer gateway = GatewayServer.start(GatewayIT.config(broker.bootstrapServers(), "mock://outage",
                Map.of(GatewayServer.HEALTH_INTERVAL, "1s", GatewayServer.TELEPHONY_UNSIGNED, "true")))) {
            GatewayClient client = new GatewayClient(gateway.url());
            assertThat(call(client, submission).status()).isEqualTo(202);
            long lastAccepted = System.nanoTime();

            broker.close();
            long lost = System.nanoTime();
            GatewayClient.Response down = call(client, submission);
            Duration firstAnswer = Duration.ofNanos(System.nanoTime() - lost);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(down.json().get("error").asText()).contains("try again");
            // issue 13 asks for 2 s: the 1 s health checks and the 1.5 s answer timeout, never Kafka's 8 s delivery
            // timeout; slack for a loaded machine
            assertThat(firstAnswer).as("a 503 soon after Kafka is lost").isLessThan(Duration.ofSeconds(4));
            // known down = a failed health check and no acknowledgement for two health intervals (KafkaHandoff); the
            // race seen on CI: the check had failed but the last 202 was under 2 s old, so the call waited for Kafka
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/health/ready").status() == 503
                    && System.nanoTime() - lastAccepted > Duration.ofSeconds(2).toNanos());
            long started = System.nanoTime();
            assertThat(call(client, submission).status()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for Kafka once it is known down")
                    .isLessThan(Duration.ofMillis(900));

            broker = EmbeddedBroker.start(data, port, controllerPort);
            long back = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> call(client, submission).status() == 202);
            assertThat(Duration.ofNanos(System.nanoTime() - back)).as("202 again soon after Kafka is back")
                    .isLessThan(Duration.ofSeconds(10));
        } finally {
            broker.close();
        }
    }

    /** A call status: it goes to Kafka at once (a web signature waits for its confirmation first). */
    private static GatewayClient.Response call(GatewayClient client, AtomicInteger submission) {
        return client.post("/v1/telephony/calls", "application/x-www-form-urlencoded",
                "CallSid=CAoutage" + submission.incrementAndGet() + "&From=%2B3242123456&CallStatus=completed");
    }
}
