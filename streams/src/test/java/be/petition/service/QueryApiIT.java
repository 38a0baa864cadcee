package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.petition.avro.Channel;
import be.petition.stack.EmbeddedStackExtension;
import be.petition.topology.CountKeys;
import be.petition.topology.StoreNames;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query API, /metrics and the live events against a running instance on the real broker: every number equals
 * the model's count, bad parameters get a 400 that says why, history is also CSV, answers carry ETags.
 */
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryApiIT {
    private static final List<String> REGIONS = List.of("BE-VAN", "BE-WLG", "BE-BRU", "BE-VBR", "BE-WHT", "BE",
            "NL", "ZZ");
    private static final Instant START = Instant.parse("2023-11-20T08:00:00Z");
    private static final int LIVE_PER_ADDRESS = 301;

    @TempDir
    static Path stateDir;

    private PipelineRig rig;
    private CountingService service;
    private String url;

    @BeforeAll
    void startAndSign() throws Exception {
        rig = new PipelineRig();
        // room for the live test's 301 connections from this one address, and not one more
        service = CountingService.start(rig.config(stateDir).with(Map.of(
                QueryServerSettings.LIVE_MAX_CLIENTS_PER_ADDRESS, String.valueOf(LIVE_PER_ADDRESS))));
        url = service.httpUrl();
        List<String> eventIds = new ArrayList<>();
        for (int signer = 0; signer < 240; signer++) {
            eventIds.add(rig.sign(signer, channel(signer), region(signer), at(signer)));
        }
        for (int signer = 0; signer < 20; signer++) {
            rig.redeliver(signer, eventIds.get(signer), channel(signer), region(signer), at(signer));
        }
        for (int signer = 20; signer < 30; signer++) {
            rig.sign(signer, channel(signer + 1), region(signer), at(signer).plusSeconds(60));
        }
        for (int signer = 200; signer < 215; signer++) {
            rig.withdraw(signer, START.plus(4, ChronoUnit.DAYS));
        }
        for (int i = 0; i < 5; i++) {
            rig.withheldCall(START);
        }
        for (int i = 0; i < 3; i++) {
            rig.invalid(START);
        }
        rig.flush();
        awaitCounted();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        rig.close();
    }

    @Test
    void totalAndBreakdownsEqualTheModel() throws Exception {
        JsonNode total = rig.json(url + "/api/v1/total");
        assertThat(total.get("campaign").asText()).isEqualTo("glenn-2023");
        assertThat(total.get("total").asLong()).isEqualTo(rig.model.total()).isEqualTo(240 - 15);
        assertThat(Instant.parse(total.get("asOf").asText())).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(total.has("stale")).isFalse();

        assertThat(rows(rig.json(url + "/api/v1/counts?by=channel"), "channel")).isEqualTo(modelBy(1));
        JsonNode byRegion = rig.json(url + "/api/v1/counts?by=region&campaign=glenn-2023");
        assertThat(byRegion.get("by").asText()).isEqualTo("region");
        assertThat(rows(byRegion, "region")).isEqualTo(modelBy(2));
        Map<String, Long> rollups = new TreeMap<>();
        byRegion.get("rollups").forEach(row -> rollups.put(row.get("region").asText(), row.get("count").asLong()));
        Map<String, Long> regions = modelBy(2);
        assertThat(rollups).containsEntry("BE-VLG", regions.getOrDefault("BE-VAN", 0L)
                + regions.getOrDefault("BE-VBR", 0L)).containsEntry("BE-WAL", regions.getOrDefault("BE-WLG", 0L)
                + regions.getOrDefault("BE-WHT", 0L)).containsEntry("BE-BRU", regions.getOrDefault("BE-BRU", 0L));

        Map<String, Long> byChannelRegion = new TreeMap<>();
        rig.json(url + "/api/v1/counts?by=channel,region").get("counts").forEach(row -> byChannelRegion.put(
                "glenn-2023/" + row.get("channel").asText() + "/" + row.get("region").asText(),
                row.get("count").asLong()));
        assertThat(byChannelRegion).isEqualTo(rig.model.byChannelRegion());
    }

    @Test
    void hourlyAndDailyHistoryEqualTheModelAsJsonAndCsv() throws Exception {
        String hours = url + "/api/v1/history?bucket=hour&from=2023-11-20T00:00:00Z&to=2023-11-25T00:00:00Z";
        JsonNode hourly = rig.json(hours);
        assertThat(hourly.get("counts")).hasSize(5 * 24);
        Map<String, Long> byHour = new TreeMap<>();
        hourly.get("counts").forEach(row -> {
            if (row.get("count").asLong() != 0) {
                byHour.put(row.get("hour").asText(), row.get("count").asLong());
            }
        });
        assertThat(byHour).isEqualTo(modelHistory(rig.model.byHour(), true));
        assertThat(hourly.get("total").asLong()).isEqualTo(rig.model.total());

        HttpResponse<String> csv = rig.get(hours, "Accept", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("hour,count");
        Map<String, Long> fromCsv = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertThat(cells).hasSize(2);
            if (!cells[1].equals("0")) {
                fromCsv.put(cells[0], Long.parseLong(cells[1]));
            }
        }
        assertThat(lines).hasSize(1 + 5 * 24);
        assertThat(fromCsv).isEqualTo(byHour);
        assertThat(rig.get(hours + "&format=csv").body()).isEqualTo(csv.body());

        JsonNode daily = rig.json(url + "/api/v1/history?bucket=day&from=2023-11-19&to=2023-11-26");
        Map<String, Long> byDay = new TreeMap<>();
        daily.get("counts").forEach(row -> {
            if (row.get("count").asLong() != 0) {
                byDay.put(row.get("day").asText(), row.get("count").asLong());
            }
        });
        assertThat(byDay).isEqualTo(modelHistory(rig.model.byDay(), false));
        assertThat(daily.get("counts")).hasSize(7);

        HttpResponse<String> grouped = rig.get(url + "/api/v1/history?bucket=day&from=2023-11-19&to=2023-11-26"
                + "&by=channel,region&format=csv");
        assertThat(grouped.body().lines().findFirst()).contains("day,channel,region,count");
        long sum = grouped.body().lines().skip(1).mapToLong(line -> Long.parseLong(line.split(",")[3])).sum();
        assertThat(sum).isEqualTo(rig.model.total());
    }

    @Test
    void statsGiveDuplicatesUncountableCallsAndRejectedRecordsByReason() throws Exception {
        JsonNode stats = rig.json(url + "/api/v1/stats");
        Map<String, Long> duplicates = new TreeMap<>();
        stats.get("duplicates").forEach(row -> duplicates.put("glenn-2023/" + row.get("channel").asText() + "/"
                + row.get("kind").asText(), row.get("count").asLong()));
        assertThat(duplicates).isEqualTo(rig.model.duplicates());
        assertThat(stats.get("duplicatesByKind").get("REDELIVERED").asLong()).isEqualTo(20);
        assertThat(stats.get("duplicatesByKind").get("REPEAT_SIGNER").asLong()).isEqualTo(10);
        Map<String, Long> uncountable = new TreeMap<>();
        stats.get("uncountableCalls").forEach(row -> uncountable.put("glenn-2023/" + row.get("reason").asText(),
                row.get("count").asLong()));
        assertThat(uncountable).isEqualTo(rig.model.uncountableCalls()).containsEntry("glenn-2023/WITHHELD", 5L);
        Map<String, Long> rejected = new TreeMap<>();
        stats.get("rejectedRecords").forEach(row -> rejected.put(row.get("reason").asText(),
                row.get("count").asLong()));
        assertThat(rejected).isEqualTo(Map.of("unknown-region", 3L));
        assertThat(stats.has("asOf")).isTrue();
    }

    @Test
    void badParametersGetA400ThatSaysWhy() throws Exception {
        assertBadRequest("/api/v1/total?campaign=other-2024", "campaign");
        assertBadRequest("/api/v1/counts?by=province", "by");
        assertBadRequest("/api/v1/counts", "by");
        assertBadRequest("/api/v1/stats?campaign=nope", "campaign");
        assertBadRequest("/api/v1/history?bucket=week", "bucket");
        assertBadRequest("/api/v1/history?bucket=hour&from=2023-11-22T00:00:00Z&to=2023-11-20T00:00:00Z", "to");
        assertBadRequest("/api/v1/history?bucket=hour&from=2020-01-01T00:00:00Z&to=2023-11-20T00:00:00Z", "from");
        assertBadRequest("/api/v1/history?bucket=day&from=1900-01-01&to=2023-11-20", "from");
        assertBadRequest("/api/v1/history?bucket=day&from=yesterday", "from");
        assertBadRequest("/api/v1/history?format=xml", "format");
        assertBadRequest("/api/v1/total?format=csv", "format");
        assertBadRequest("/api/v1/counts?by=channel,region&channel=FAX&region=BE-VAN", "channel");
        assertBadRequest("/api/v1/counts?by=channel,region&channel=WEB&region=BE-XXX", "region");
        assertBadRequest("/api/v1/counts?by=channel,region&channel=WEB", "region");
    }

    @Test
    void unknownOrRepeatedParametersGetA400ThatNamesThem() throws Exception {
        assertBadRequest("/api/v1/total?x=" + System.nanoTime(), "x");
        assertBadRequest("/api/v1/stats?campaign=glenn-2023&cachebuster=1", "cachebuster");
        assertBadRequest("/api/v1/counts?by=channel&bucket=day", "bucket");
        assertBadRequest("/api/v1/history?bucket=day&channel=WEB", "channel");
        assertBadRequest("/api/v1/counts?by=channel&by=" + System.nanoTime(), "by");
        assertThat(rig.get(url + "/api/v1/history?campaign=glenn-2023&bucket=day&from=2023-11-19&to=2023-11-26"
                + "&by=channel&format=json").statusCode()).isEqualTo(200);
    }

    @Test
    void datesOutsideTheCenturyGetA400NotA500() throws Exception {
        // '+' must be sent as %2B: a bare '+' in a query string is a space
        assertBadRequest("/api/v1/history?from=%2B999999999-12-31T23:30:00Z", "from");
        assertBadRequest("/api/v1/history?bucket=day&from=%2B999999999-12-31T23:30:00Z", "from");
        assertBadRequest("/api/v1/history?bucket=hour&to=%2B999999999-12-31", "to");
        assertBadRequest("/api/v1/history?bucket=day&from=-999999999-01-01&to=2023-11-20", "from");
        assertBadRequest("/api/v1/history?bucket=hour&from=1999-12-31T22:00:00Z&to=2000-01-01T02:00:00Z", "from");
        assertBadRequest("/api/v1/history?bucket=day&from=2100-01-01&to=2100-01-03", "to");
        assertThat(rig.get(url + "/api/v1/history?from=+999999999-12-31T23:30:00Z").statusCode()).isEqualTo(400);
    }

    @Test
    void noBadInputGetsA5xx() throws Exception {
        for (String path : List.of("/api/v1/counts?by=%zz", "/api/v1/total?campaign=%", "/api/v1/total?%zz=1",
                "/api/v1/history?bucket=day&from=2023-11-20&to=%2B999999999-12-31", "/api/v1/history?to=9999-12-31",
                "/api/v1/history?by=channel,region,channel", "/api/v1/history?format=", "/api/v1/stats?=",
                "/internal/v1/local?store=nope", "/internal/v1/key?partition=x", "/api/v2/total", "/metrics?x=1")) {
            String response = raw(path);
            assertThat(Integer.parseInt(response.split(" ", 3)[1])).as(path).isLessThan(500);
            assertThat(response).as(path).doesNotContain("Exception", "\tat ");
        }
    }

    /** The whole response to a request sent byte for byte as given (HTTP clients refuse malformed targets). */
    private String raw(String target) throws Exception {
        URI base = URI.create(url);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void storeRangesAreOnlyForCallersWithTheSharedSecret() throws Exception {
        String local = url + "/internal/v1/local?store=" + StoreNames.COUNTS_BY_CHANNEL_REGION
                + "&from=glenn-2023/&to=glenn-20230";
        HttpResponse<String> anonymous = rig.get(local);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(PipelineRig.JSON.readTree(anonymous.body()).get("error").asText()).isNotBlank();
        assertThat(anonymous.body()).doesNotContain("glenn-2023/");

        for (String wrong : List.of("Bearer " + PipelineRig.INTERNAL_SECRET + "x", "Bearer ",
                PipelineRig.INTERNAL_SECRET, "Basic " + PipelineRig.INTERNAL_SECRET)) {
            HttpResponse<String> refused = rig.get(local, "Authorization", wrong);
            assertThat(refused.statusCode()).as(wrong).isEqualTo(403);
            assertThat(PipelineRig.JSON.readTree(refused.body()).get("error").asText()).isNotBlank();
        }
        assertThat(rig.get(url + "/internal/v1/key?store=" + StoreNames.COUNTS_BY_CHANNEL_REGION
                + "&key=glenn-2023/WEB/BE-VAN&partition=0").statusCode()).isEqualTo(401);

        String secret = "Bearer " + PipelineRig.INTERNAL_SECRET;
        HttpResponse<String> allowed = rig.get(local, "Authorization", secret);
        assertThat(allowed.statusCode()).isEqualTo(200);
        long total = 0;
        for (JsonNode part : PipelineRig.JSON.readTree(allowed.body())) {
            for (JsonNode count : part) {
                total += count.asLong();
            }
        }
        assertThat(total).isEqualTo(rig.model.total());
        assertThat(rig.get(url + "/internal/v1/key?store=" + StoreNames.COUNTS_BY_CHANNEL_REGION
                + "&key=glenn-2023/WEB/BE-VAN&partition=-1", "Authorization", secret).statusCode()).isEqualTo(400);
        assertThat(rig.get(local + "&x=1", "Authorization", secret).statusCode()).isEqualTo(400);
    }

    @Test
    void answersCarryCacheHeadersAndAnETagThatGivesA304() throws Exception {
        HttpResponse<String> first = rig.get(url + "/api/v1/counts?by=channel");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=1");
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        HttpResponse<String> again = rig.get(url + "/api/v1/counts?by=channel", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        // the ETag covers the counts, not the time: still valid after the cached answer expired
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(1100)).until(() ->
                rig.get(url + "/api/v1/counts?by=channel", "If-None-Match", etag).statusCode() == 304);
        assertThat(rig.get(url + "/api/v1/counts?by=region", "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void healthMetricsAndThePageAreServed() throws Exception {
        assertThat(rig.get(url + "/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = rig.get(url + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("RUNNING");

        String metrics = rig.get(url + "/metrics").body();
        assertThat(metrics).contains("petition_streams_state{state=\"RUNNING\"} 1.0",
                "petition_rejected_records_total{reason=\"unknown-region\"} 3.0",
                "petition_count_latency_seconds_bucket", "petition_live_clients", "kafka_streams_process_rate",
                "kafka_streams_records_lag_max", "kafka_streams_commit_latency_avg_ms", "jvm_memory_used_bytes",
                "petition_uncountable_calls{campaign=\"glenn-2023\",reason=\"WITHHELD\"} 5.0");
        long signatures = metrics.lines().filter(line -> line.startsWith("petition_signatures{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(signatures).isEqualTo(rig.model.total());

        HttpResponse<String> page = rig.get(url + "/");
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("/live.js", "helpChildFocus");
        assertThat(rig.get(url + "/i18n.js").body()).contains("116 000");
        assertThat(rig.get(url + "/map/be-provinces.svg").body()).contains("<svg", "BE-WLX");
        assertThat(rig.get(url + "/widget.html").statusCode()).isEqualTo(200);
        assertThat(rig.get(url + "/live.js").headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/javascript");
    }

    /** Last: it signs once more. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aLiveClientGetsTheNewTotalWithinASecondOfItsCount() throws Exception {
        // clients that never read hold no thread and do not hold the others back
        URI live = URI.create(url + "/api/v1/live");
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Socket socket = new Socket(live.getHost(), live.getPort());
            socket.setReceiveBufferSize(1024);
            socket.getOutputStream().write(("GET /api/v1/live HTTP/1.1\r\nHost: " + live.getHost()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            idle.add(socket);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> liveClients() >= 300);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/live"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        // every slot of this address is taken now
        HttpResponse<String> refused = rig.get(url + "/api/v1/live", "Accept", "text/event-stream");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        LinkedBlockingQueue<Map.Entry<Long, JsonNode>> snapshots = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readSnapshots(stream.body(), snapshots), "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            Map.Entry<Long, JsonNode> first = snapshots.poll(5, TimeUnit.SECONDS);
            assertThat(first).as("a snapshot at once on connect").isNotNull();
            long before = first.getValue().get("total").asLong();
            assertThat(before).isEqualTo(rig.model.total());
            assertThat(first.getValue().get("hourly")).hasSize(48);
            assertThat(first.getValue().get("milestones").get(4).asLong()).isEqualTo(37274);

            rig.sign(10_000, Channel.WEB, "BE-VAN", Instant.now());
            rig.flush();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> localTotal() == before + 1);
            long counted = System.nanoTime();
            Map.Entry<Long, JsonNode> update;
            do {
                update = snapshots.poll(2, TimeUnit.SECONDS);
                assertThat(update).as("a snapshot with the new total").isNotNull();
            } while (update.getValue().get("total").asLong() != before + 1);
            assertThat(Duration.ofNanos(update.getKey() - counted)).isLessThan(Duration.ofSeconds(1));
            JsonNode hourly = update.getValue().get("hourly");
            assertThat(hourly.get(47).get("count").asLong()).isGreaterThanOrEqualTo(1);
        } finally {
            stream.body().close();
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    private long liveClients() throws Exception {
        return rig.get(url + "/metrics").body().lines().filter(line -> line.startsWith("petition_live_clients "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static void readSnapshots(InputStream body, LinkedBlockingQueue<Map.Entry<Long, JsonNode>> snapshots) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "snapshot".equals(event)) {
                    snapshots.add(Map.entry(System.nanoTime(), PipelineRig.JSON.readTree(line.substring(6))));
                }
            }
        } catch (Exception e) {
            // the test closed the stream
        }
    }

    private long localTotal() {
        long total = 0;
        try (KeyValueIterator<String, Long> all = service.kafkaStreams().store(StoreQueryParameters.fromNameAndType(
                StoreNames.COUNTS_BY_CHANNEL_REGION, QueryableStoreTypes.<String, Long>keyValueStore())).all()) {
            while (all.hasNext()) {
                total += all.next().value;
            }
        } catch (RuntimeException e) {
            return -1;
        }
        return total;
    }

    private void assertBadRequest(String path, String field) throws Exception {
        HttpResponse<String> response = rig.get(url + path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        JsonNode body = PipelineRig.JSON.readTree(response.body());
        assertThat(body.get("error").asText()).as(path).isNotBlank();
        assertThat(body.get("fields").get(field).asText()).as(path).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    private void awaitCounted() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
                    assertThat(rig.json(url + "/api/v1/total").get("total").asLong())
                            .isEqualTo(rig.model.total());
                    JsonNode stats = rig.json(url + "/api/v1/stats");
                    assertThat(stats.get("uncountableCalls")).isNotEmpty();
                    assertThat(stats.get("duplicatesByKind").path("REDELIVERED").asLong()).isEqualTo(20);
                    assertThat(stats.get("duplicatesByKind").path("REPEAT_SIGNER").asLong()).isEqualTo(10);
                });
    }

    /** The model's counts summed by one part of the channel-region key (1 channel, 2 region). */
    private Map<String, Long> modelBy(int part) {
        Map<String, Long> counts = new TreeMap<>();
        rig.model.byChannelRegion().forEach((key, count) -> {
            if (count != 0) {
                counts.merge(CountKeys.parts(key)[part], count, Long::sum);
            }
        });
        counts.values().removeIf(count -> count == 0);
        return counts;
    }

    private static Map<String, Long> modelHistory(Map<String, Long> buckets, boolean hours) {
        Map<String, Long> counts = new TreeMap<>();
        buckets.forEach((key, count) -> {
            String bucket = CountKeys.parts(key)[1];
            counts.merge(hours ? Instant.parse(bucket.replace("Z", ":00Z")).toString() : bucket, count, Long::sum);
        });
        counts.values().removeIf(count -> count == 0);
        return counts;
    }

    private static Map<String, Long> rows(JsonNode answer, String field) {
        Map<String, Long> rows = new TreeMap<>();
        answer.get("counts").forEach(row -> rows.put(row.get(field).asText(), row.get("count").asLong()));
        return rows;
    }

    private static Channel channel(int signer) {
        return Channel.values()[1 + signer % 3];
    }

    private static String region(int signer) {
        return REGIONS.get(signer % REGIONS.size());
    }

    private static Instant at(int signer) {
        return START.plus(signer * 23L, ChronoUnit.MINUTES);
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(), ChronoUnit.SECONDS);
    }
}
