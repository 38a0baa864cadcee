package be.petition.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.config.ServiceConfig;
import be.petition.serde.SpecificAvroSerializer;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import be.petition.service.QueryServerSettings;
import be.petition.service.CountingService;
import be.petition.topology.Events;
import be.petition.service.KafkaStreamsConfig;
import be.petition.topology.TopologySettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The audit against a real Streams app on the shared embedded broker and registry, then against planted counts. */
@ExtendWith(EmbeddedStackExtension.class)
class AuditIT {
    private static final String CAMPAIGN = Events.CAMPAIGN;
    private static final Instant T = Instant.parse("2023-11-21T10:00:00Z");
    /** 00:30 on 23 November in Brussels. */
    private static final Instant LATE_EVENING_UTC = Instant.parse("2023-11-22T23:30:00Z");

    @TempDir
    Path stateDir;

    @Test
    void equalToWhatTheStreamsAppCountedThenAPlantedDifferenceIsFound() throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> topics = stack.createOwnTopics("audit-" + run, 2);
        Map<String, String> values = new HashMap<>(topics);
        values.put("kafka.bootstrap.servers", stack.bootstrapServers());
        values.put("schema.registry.url", stack.schemaRegistryUrl());
        values.put(KafkaStreamsConfig.APPLICATION_ID, "audit-" + run);
        values.put(KafkaStreamsConfig.STATE_DIR, stateDir.toString());
        values.put(KafkaStreamsConfig.ROCKSDB_MEMORY_BYTES, String.valueOf(16 * 1024 * 1024));
        values.put(KafkaStreamsConfig.COMMIT_INTERVAL, "100ms");
        values.put(QueryServerSettings.PORT, "0");
        ServiceConfig config = ServiceConfig.of(values);
        TopologySettings settings = TopologySettings.from(config);
        List<String> auditSettings = new ArrayList<>();
        topics.forEach((key, value) -> auditSettings.addAll(List.of("--set", key + "=" + value)));
        auditSettings.addAll(List.of("--set", "kafka.bootstrap.servers=" + stack.bootstrapServers(),
                "--set", "schema.registry.url=" + stack.schemaRegistryUrl(), "--no-progress"));

        try (CountingService streams = CountingService.start(config);
             KafkaProducer<String, SpecificRecord> producer = producer(stack);
             KafkaProducer<String, byte[]> bytes = new KafkaProducer<>(props(stack), new StringSerializer(),
                     new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                String key = "web-" + run + "-" + i;
                producer.send(new ProducerRecord<>(settings.webTopic(), key, Events.web("e-" + key, key, "BE-VAN", T)));
            }
            // a redelivery of the first web signature
            String first = "web-" + run + "-0";
            producer.send(new ProducerRecord<>(settings.webTopic(), first, Events.web("e-" + first, first, "BE-VAN",
                    T.plusSeconds(30))));
            for (int i = 0; i < 3; i++) {
                String key = "call-" + run + "-" + i;
                producer.send(new ProducerRecord<>(settings.callsTopic(), key, Events.call("e-" + key, key, "BE-WLG",
                        T)));
            }
            producer.send(new ProducerRecord<>(settings.callsTopic(), null, Events.call("e-withheld-" + run, null,
                    "ZZ", T)));
            CallSignature busy = Events.call("e-busy-" + run, "busy-" + run, "BE-WLG", T);
            busy.setStatus(CallStatus.BUSY);
            producer.send(new ProducerRecord<>(settings.callsTopic(), "busy-" + run, busy));
            // signs, withdraws, signs again in the app after midnight Brussels time
            String again = "again-" + run;
            producer.send(new ProducerRecord<>(settings.webTopic(), again, Events.web("e1-" + again, again, "BE-VOV",
                    T)));
            producer.send(new ProducerRecord<>(settings.withdrawalsTopic(), again, Events.withdrawal("w-" + again,
                    again, T.plusSeconds(60))));
            producer.send(new ProducerRecord<>(settings.appTopic(), again, Events.app("e2-" + again, again, "BE-BRU",
                    LATE_EVENING_UTC)));
            // signs and withdraws: counts nowhere
            String gone = "gone-" + run;
            producer.send(new ProducerRecord<>(settings.webTopic(), gone, Events.web("e-" + gone, gone, "BE-WHT", T)));
            producer.send(new ProducerRecord<>(settings.withdrawalsTopic(), gone, Events.withdrawal("w-" + gone, gone,
                    T.plusSeconds(5))));
            bytes.send(new ProducerRecord<>(settings.webTopic(), "corrupt-" + run, "not avro".getBytes(
                    StandardCharsets.UTF_8)));
            producer.flush();
            bytes.flush();
            await().atMost(Duration.ofSeconds(90)).until(() -> total(streams.httpUrl()) == 14);

            Execution equal = audit(auditSettings, "--api", streams.httpUrl());
            assertThat(equal.exit).as(equal.err + equal.out).isEqualTo(AuditCommand.EQUAL);
            assertThat(equal.out).contains("glenn-2023: recount 14 signatures, live 14", "EQUAL",
                    "CORRUPT_RECORD 1", "STATUS_BUSY 1", "WITHHELD 1");

            // --json: one line a script can read
            Execution json = audit(auditSettings, "--api", streams.httpUrl(), "--json");
            assertThat(json.exit).as(json.err).isEqualTo(AuditCommand.EQUAL);
            JsonNode line = new ObjectMapper().readTree(json.out);
            assertThat(line.path("equal").asBoolean()).isTrue();
            assertThat(line.path("records").asLong()).isEqualTo(22);
            assertThat(line.path("recountTotal").path(CAMPAIGN).asLong()).isEqualTo(14);

            // scheduled: the result as metrics
            AuditSettings scheduled = AuditSettings.from(ServiceConfig.load(AuditSettings.DEFAULTS_RESOURCE, null,
                    Map.of(), withApi(values, topics, streams.httpUrl())));
            try (AuditService service = AuditService.start(scheduled, Duration.ofHours(1), Clock.systemUTC())) {
                String url = "http://127.0.0.1:" + service.metricsPort() + "/metrics";
                await().atMost(Duration.ofSeconds(60)).until(() -> scrape(url).contains(
                        "petition_audit_records 22"));
                assertThat(scrape(url)).contains("petition_audit_difference 0.0", "petition_audit_records 22.0")
                        .containsPattern("petition_audit_last_success_timestamp_seconds [1-9]")
                        .contains("petition_audit_runs_total{outcome=\"equal\"} 1.0");
            }
        }

        // the same records against live counts with one web signature too many in Antwerp
        Map<Cell, Long> planted = new TreeMap<>(Map.of(
                new Cell(CAMPAIGN, null, "WEB", "BE-VAN"), 11L,
                new Cell(CAMPAIGN, LocalDate.parse("2023-11-21"), "WEB", "BE-VAN"), 11L,
                new Cell(CAMPAIGN, null, "CALL", "BE-WLG"), 3L,
                new Cell(CAMPAIGN, LocalDate.parse("2023-11-21"), "CALL", "BE-WLG"), 3L,
                new Cell(CAMPAIGN, null, "APP", "BE-BRU"), 1L,
                new Cell(CAMPAIGN, LocalDate.parse("2023-11-23"), "APP", "BE-BRU"), 1L));
        try (FakeLiveApi fake = new FakeLiveApi(planted)) {
            Execution different = audit(auditSettings, "--api", fake.url(), "--set", "audit.settle.timeout=1s");
            assertThat(different.exit).as(different.err + different.out).isEqualTo(AuditCommand.DIFFERENT);
            assertThat(different.out).contains("DIFFERENT: 2 of 6 cells differ")
                    .containsPattern("WEB/BE-VAN +10 +11 +\\+1")
                    .containsPattern("2023-11-21/WEB/BE-VAN +10 +11 +\\+1")
                    .doesNotContain("CALL/BE-WLG");
        }
    }

    @Test
    void anUnreachableQueryApiIsExitTwoWithWhatToDo() {
        Execution execution = audit(List.of("--no-progress"), "--api", "http://127.0.0.1:1");
        assertThat(execution.exit).isEqualTo(AuditCommand.CANNOT_RUN);
        assertThat(execution.err).contains("Cannot reach the query API at http://127.0.0.1:1", "Is the Streams app"
                + " running");
    }

    private static Map<String, String> withApi(Map<String, String> values, Map<String, String> topics, String api) {
        Map<String, String> settings = new HashMap<>(topics);
        settings.put("kafka.bootstrap.servers", values.get("kafka.bootstrap.servers"));
        settings.put("schema.registry.url", values.get("schema.registry.url"));
        settings.put(AuditSettings.API_URL, api);
        settings.put(AuditSettings.METRICS_PORT, "0");
        return settings;
    }

    private record Execution(int exit, String out, String err) {
    }

    private static Execution audit(List<String> settings, String... args) {
        AuditCommand command = new AuditCommand();
        command.progressOut = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(settings);
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Execution(exit, out.toString(), err.toString());
    }

    private static Properties props(EmbeddedStack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return props;
    }

    private static KafkaProducer<String, SpecificRecord> producer(EmbeddedStack stack) {
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        return new KafkaProducer<>(props(stack), new StringSerializer(), serializer);
    }

    private static long total(String api) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(api + "/api/v1/total")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()).path("total").asLong()
                    : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static String scrape(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }
}
