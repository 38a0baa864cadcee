package be.petition.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.gateway.GatewayServer;
import be.petition.gateway.TestMail;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import be.petition.config.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against the real gateway and broker: everything valid is accepted, the truth file adds up. */
@ExtendWith(EmbeddedStackExtension.class)
class SimulatorIT {

    @Test
    void sendsCampaignTrafficThroughTheGateway(@TempDir Path dir) throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        Map<String, String> secrets = Map.of("pepper", "simulator-it-pepper-0123456789", "app.api.key", "sim-key",
                "app.install.key", "simulator-it-install-key-0123456789", "telephony.token", "sim-token");
        Map<String, String> gatewaySettings = new HashMap<>(secrets);
        gatewaySettings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        gatewaySettings.put("schema.registry.url", stack.schemaRegistryUrl());
        gatewaySettings.put(GatewayServer.PORT, "0");
        // the simulated crowd all sends from 127.0.0.1
        gatewaySettings.put(GatewayServer.LIMITS_ENABLED, "false");
        gatewaySettings.putAll(TestMail.gatewaySettings());
        try (GatewayServer gateway = GatewayServer.start(ServiceConfig.load(GatewayServer.DEFAULTS, null, Map.of(),
                gatewaySettings))) {
            Path truthFile = dir.resolve("truth.json");
            Map<String, String> settings = new HashMap<>(secrets);
            settings.put("simulate.gateway.url", gateway.url());
            settings.put("simulate.count", "600");
            settings.put("simulate.seed", "11");
            settings.put("simulate.truth", truthFile.toString());
            settings.put("simulate.max.in.flight", "64");
            settings.put("simulate.mail.imap.port", Integer.toString(TestMail.server().getImap().getPort()));
            settings.put("simulate.confirm.delay.max", "1s");
            Simulator simulator = Simulator.create(SimulatorTest.config(settings));
            GroundTruth truth = simulator.run();
            simulator.close();

            JsonNode json = new ObjectMapper().readTree(truthFile.toFile());
            assertThat(json.get("requestsSent").asLong()).isEqualTo(600);
            assertThat(json.get("transportFailures").asLong()).isZero();
            assertThat(json.get("refusedValidRequestsByKind").size()).as(json.toString()).isZero();
            assertThat(json.get("malformedRequests").get("rejected").asLong())
                    .isEqualTo(json.get("malformedRequests").get("sent").asLong()).isPositive();
            assertThat(json.get("expectedTotal").asLong()).isEqualTo(truth.total()).isGreaterThan(250);
            assertThat(json.get("neverConfirmedByKind").get("SIGNATURE").asLong()).as("some never confirm").isPositive();
            assertThat(json.get("acceptedByKind").get("SIGNATURE").asLong()).isGreaterThan(250);
            assertThat(gateway.metrics().registry().scrape().stream()
                    .anyMatch(m -> m.getMetadata().getName().equals("petition_gateway_signatures"))).isTrue();
            // the app traffic registered installs, and phone signatures were withdrawn through the call menu
            assertThat(counted(gateway, "petition_gateway_installs")).isPositive();
            assertThat(counted(gateway, "petition_gateway_call_menu")).isPositive();
        }
    }

    /** The sum of a counter over its labels. */
    private static double counted(GatewayServer gateway, String name) {
        return gateway.metrics().registry().scrape().stream().filter(m -> m.getMetadata().getName().equals(name))
                .flatMap(m -> ((CounterSnapshot) m).getDataPoints().stream())
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    @Test
    void writesStraightToKafkaForLoadTests() {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        Map<String, String> settings = new HashMap<>();
        settings.put("simulate.target", "kafka");
        settings.put("pepper", "simulator-it-pepper-0123456789");
        settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        settings.put("schema.registry.url", stack.schemaRegistryUrl());
        settings.put("simulate.count", "500");
        settings.put("simulate.seed", "12");
        Simulator simulator = Simulator.create(SimulatorTest.config(settings));
        Map<String, Object> truth = simulator.run().toMap();
        simulator.close();
        assertThat(truth.get("transportFailures")).isEqualTo(0L);
        assertThat((Map<?, ?>) truth.get("refusedValidRequestsByKind")).isEmpty();
        assertThat(((Number) truth.get("expectedTotal")).longValue()).isGreaterThan(250);
    }
}
