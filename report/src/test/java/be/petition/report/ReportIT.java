package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The report read from a real Streams app's query API, on the shared embedded broker. */
@ExtendWith(EmbeddedStackExtension.class)
class ReportIT {
    private static final Instant TUESDAY_W47 = Instant.parse("2023-11-21T10:00:00Z");
    private static final Instant TUESDAY_W46 = Instant.parse("2023-11-14T10:00:00Z");

    @TempDir
    Path stateDir;
    @TempDir
    Path out;

    @Test
    void reportMatchesWhatTheStreamsAppCounted() throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> values = new HashMap<>();
        values.putAll(stack.createOwnTopics("report-" + run, 2));
        values.put("kafka.bootstrap.servers", stack.bootstrapServers());
        values.put("schema.registry.url", stack.schemaRegistryUrl());
        values.put(KafkaStreamsConfig.APPLICATION_ID, "report-" + run);
        values.put(KafkaStreamsConfig.STATE_DIR, stateDir.toString());
        values.put(KafkaStreamsConfig.ROCKSDB_MEMORY_BYTES, String.valueOf(16 * 1024 * 1024));
        values.put(KafkaStreamsConfig.COMMIT_INTERVAL, "100ms");
        values.put(QueryServerSettings.PORT, "0");
        ServiceConfig config = ServiceConfig.of(values);
        TopologySettings settings = TopologySettings.from(config);

        try (CountingService streams = CountingService.start(config);
             KafkaProducer<String, SpecificRecord> producer = producer(stack)) {
            for (int i = 0; i < 12; i++) {
                String key = "w47-web-" + run + "-" + i;
                producer.send(new ProducerRecord<>(settings.webTopic(), key, Events.web("e-" + key, key, "BE-VAN",
                        TUESDAY_W47)));
            }
            for (int i = 0; i < 3; i++) {
                String key = "w47-call-" + run + "-" + i;
                producer.send(new ProducerRecord<>(settings.callsTopic(), key, Events.call("e-" + key, key, "BE-WLG",
                        TUESDAY_W47)));
            }
            for (int i = 0; i < 4; i++) {
                String key = "w46-app-" + run + "-" + i;
                producer.send(new ProducerRecord<>(settings.appTopic(), key, Events.app("e-" + key, key, "BE-BRU",
                        TUESDAY_W46)));
            }
            producer.send(new ProducerRecord<>(settings.callsTopic(), null, Events.call("e-withheld-" + run, null,
                    "ZZ", TUESDAY_W47)));
            String bad = "w47-bad-" + run;
            producer.send(new ProducerRecord<>(settings.webTopic(), bad, Events.web("e-" + bad, bad, "BE-NOPE",
                    TUESDAY_W47)));
            producer.flush();
            await().atMost(Duration.ofSeconds(90)).until(() -> total(streams.httpUrl()) == 19
                    && rejectedWithUnknownRegion(streams.httpUrl()) == 1);

            ReportCommand command = new ReportCommand();
            command.clock = Clock.fixed(Instant.parse("2023-12-20T10:00:00Z"), ZoneOffset.UTC);
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(command);
            cli.setErr(new PrintWriter(err, true));
            cli.setOut(new PrintWriter(new StringWriter(), true));
            int exit = cli.execute("--week", "2023-W47", "--api", streams.httpUrl(), "--out", out.toString(),
                    "--lang", "fr", "--set", "report.launch.date=2023-11-01");

            assertThat(exit).as(err.toString()).isZero();
        }
        List<String> week = Files.readAllLines(out.resolve("petition-report-2023-W47-fr-week.csv"));
        assertThat(week.subList(1, week.size())).containsExactlyInAnyOrder(
                "2023-11-21,web,BE-VAN,Anvers,12", "2023-11-21,call,BE-WLG,Liège,3");
        assertThat(Files.readAllLines(out.resolve("petition-report-2023-W47-fr-since-launch.csv")))
                .contains("2023-11-14,app,BE-BRU,Bruxelles,4");
        try (PDDocument pdf = Loader.loadPDF(out.resolve("petition-report-2023-W47-fr.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf).replace('\u00a0', ' ');
            assertThat(text).contains("Signatures au total\n19", "Nouvelles signatures cette semaine\n15",
                    "Anvers 12", "Liège < 10", "1 appels de ce type", "Appel avec un numéro masqué 1",
                    "Enregistrement rejeté : région inconnue 1");
        }
    }

    private static KafkaProducer<String, SpecificRecord> producer(EmbeddedStack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        return new KafkaProducer<>(props, new StringSerializer(), serializer);
    }

    private static long total(String api) {
        JsonNode total = json(api + "/api/v1/total");
        return total == null ? -1 : total.path("total").asLong();
    }

    private static long rejectedWithUnknownRegion(String api) {
        JsonNode stats = json(api + "/api/v1/stats");
        if (stats == null) {
            return -1;
        }
        for (JsonNode row : stats.path("rejectedRecords")) {
            if (row.path("reason").asText().equals("unknown-region")) {
                return row.path("count").asLong();
            }
        }
        return 0;
    }

    /** The answer, or null while the app cannot answer yet. */
    private static JsonNode json(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
