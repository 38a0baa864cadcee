package be.petition.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.petition.config.ServiceConfig;
import be.petition.report.ConfirmationFunnel;
import be.petition.report.GatewayFunnelReader;
import be.petition.simulator.GroundTruth;
import be.petition.simulator.Simulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, as `petition up` runs it: the simulator sends a few thousand requests (duplicates, withdrawals,
 * withheld calls, malformed requests) through the gateway into the running topology, its web signers read their
 * confirmation mails over IMAP and press the button (or not, or twice), and the query API's counts equal the
 * simulator's ground truth exactly.
 */
class PipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static Pipeline pipeline;
    private static final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeAll
    static void startPipeline() throws IOException {
        int queryPort = freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("broker.port", "0");
        settings.put("broker.controller.port", "0");
        settings.put("registry.port", "0");
        settings.put("gateway.port", "0");
        settings.put("mail.server.smtp.port", "0");
        settings.put("mail.server.imap.port", "0");
        settings.put("streams.http.port", String.valueOf(queryPort));
        settings.put("streams.application.id", "pipeline-it");
        pipeline = Pipeline.start(new Pipeline.Options(dataDir, null, Map.of(), settings, false, 0),
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theApiCountsWhatTheSimulatorSent() throws Exception {
        Map<String, String> simulation = new LinkedHashMap<>(pipeline.sharedSettings());
        simulation.put("simulate.gateway.url", pipeline.gatewayUrl());
        simulation.put("simulate.count", "3000");
        simulation.put("simulate.rate", "0");
        simulation.put("simulate.seed", "47");
        simulation.put("simulate.progress", "false");
        simulation.put("simulate.confirm.delay.max", "2s");
        ServiceConfig config = pipeline.load(Simulator.DEFAULTS, simulation);
        GroundTruth truth = Simulator.create(config).run();
        Map<String, Object> expected = truth.toMap();

        assertThat((Map<?, ?>) expected.get("duplicates")).isNotEmpty();
        assertThat(((Number) ((Map<?, ?>) expected.get("withdrawals")).get("removedSigner")).longValue()).isPositive();
        assertThat(((Number) ((Map<?, ?>) expected.get("uncountableCalls")).get("withheldNumber")).longValue()).isPositive();
        assertThat(((Number) ((Map<?, ?>) expected.get("malformedRequests")).get("rejected")).longValue()).isPositive();
        assertThat(((Number) ((Map<?, ?>) expected.get("neverConfirmedByKind")).get("SIGNATURE")).longValue())
                .as("web signers who never confirm are not counted").isPositive();
        assertThat(((Number) ((Map<?, ?>) expected.get("acceptedByKind")).get("SIGNATURE")).longValue())
                .isGreaterThan(1000);

        Map<String, Long> expectedCounts = new TreeMap<>();
        ((Map<?, ?>) expected.get("expectedCounts")).forEach((key, value) ->
                expectedCounts.put((String) key, ((Number) value).longValue()));
        long expectedTotal = ((Number) expected.get("expectedTotal")).longValue();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(countsByChannelAndRegion()).isEqualTo(expectedCounts);
            assertThat(get("/api/v1/total").path("total").asLong()).isEqualTo(expectedTotal);
        });
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("ok  Gateway", "ok  Streams app", "ok  Mail server");
    }

    @Test
    void theReportReadsTheConfirmationFunnelFromTheGatewayThatUpPrints() throws Exception {
        Map<String, String> report = pipeline.reportSettings();
        assertThat(report).containsEntry("report.api.url", pipeline.queryUrl())
                .containsEntry("report.gateway.metrics.urls", pipeline.gatewayUrl() + "/metrics");
        // one web signature, not confirmed: pending on the gateway only
        HttpResponse<String> signed = HTTP.send(HttpRequest.newBuilder(
                URI.create(pipeline.gatewayUrl() + "/v1/signatures/web")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"submissionId\":\"funnel-it-1\",\"email\":"
                        + "\"funnel-it@example.org\",\"postalCode\":\"1000\",\"language\":\"fr\",\"consent\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);

        ConfirmationFunnel funnel = new GatewayFunnelReader(
                List.of(report.get("report.gateway.metrics.urls").split(",")), Duration.ofSeconds(5)).read();

        assertThat(funnel.unreadable()).isEmpty();
        assertThat(funnel.read()).containsExactly(pipeline.gatewayUrl() + "/metrics");
        assertThat(funnel.counts().pending()).isPositive().isGreaterThanOrEqualTo(funnel.counts().confirmed());
        pipeline.printAddresses();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("weekly report   ./petition report --api "
                + pipeline.queryUrl() + " --set report.gateway.metrics.urls=" + pipeline.gatewayUrl() + "/metrics");
    }

    @Test
    void theSummarySaysTheRegistryIsOpenToThisMachineOnly() {
        pipeline.printAddresses();
        assertThat(output.toString(StandardCharsets.UTF_8)).containsPattern(
                "registry +http://127\\.0\\.0\\.1:\\d+/subjects +\\(no authentication, reachable from this machine only\\)");
    }

    private static Map<String, Long> countsByChannelAndRegion() throws Exception {
        JsonNode answer = get("/api/v1/counts?by=channel,region");
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode row : answer.path("counts")) {
            if (row.path("count").asLong() != 0) {
                counts.put(answer.path("campaign").asText() + "/" + row.path("channel").asText() + "/"
                        + row.path("region").asText(), row.path("count").asLong());
            }
        }
        return counts;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.queryUrl() + path))
                .header("Cache-Control", "no-cache").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
