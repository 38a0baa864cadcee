package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.petition.avro.Channel;
import be.petition.stack.EmbeddedStackExtension;
import be.petition.topology.CountKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application on one broker split the partitions; each answers the full total, breakdown and
 * history, asking the other for its part.
 */
@ExtendWith(EmbeddedStackExtension.class)
class TwoInstancesIT {
    private static final List<String> REGIONS = List.of("BE-VAN", "BE-WLG", "BE-BRU", "BE-VOV", "BE-WNA", "BE",
            "FR", "ZZ");
    private static final Instant START = Instant.parse("2023-11-20T08:00:00Z");

    @TempDir
    Path stateDir;

    private PipelineRig rig;
    private CountingService first;
    private CountingService second;

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        rig.close();
    }

    @Test
    void eachInstanceAnswersTheWholeCount() throws Exception {
        rig = new PipelineRig();
        first = CountingService.start(rig.config(stateDir.resolve("one")));
        second = CountingService.start(rig.config(stateDir.resolve("two")));
        await().atMost(Duration.ofSeconds(90)).until(() -> bothRunningWithPartitions());

        for (int signer = 0; signer < 300; signer++) {
            rig.sign(signer, Channel.values()[1 + signer % 3], REGIONS.get(signer % REGIONS.size()),
                    START.plus(signer * 7L, ChronoUnit.MINUTES));
        }
        for (int signer = 0; signer < 12; signer++) {
            rig.withdraw(signer, START.plus(2, ChronoUnit.DAYS));
        }
        rig.flush();
        long expected = rig.model.total();
        assertThat(expected).isEqualTo(288);

        for (CountingService instance : List.of(first, second)) {
            String url = instance.httpUrl();
            // the other instance's part comes through /internal/v1/*, which takes the shared secret
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .untilAsserted(() -> {
                        JsonNode total = rig.json(url + "/api/v1/total");
                        assertThat(total.get("total").asLong()).isEqualTo(expected);
                        assertThat(total.has("stale")).as("an answer from the active partitions").isFalse();
                    });
            Map<String, Long> breakdown = new TreeMap<>();
            rig.json(url + "/api/v1/counts?by=channel,region").get("counts").forEach(row -> breakdown.put(
                    "glenn-2023/" + row.get("channel").asText() + "/" + row.get("region").asText(),
                    row.get("count").asLong()));
            assertThat(breakdown).isEqualTo(nonZero(rig.model.byChannelRegion()));
            // one count at a time: each from the instance holding it, asked by whichever instance got the query
            for (Map.Entry<String, Long> count : nonZero(rig.model.byChannelRegion()).entrySet()) {
                String[] parts = CountKeys.parts(count.getKey());
                JsonNode one = rig.json(url + "/api/v1/counts?by=channel,region&channel=" + parts[1] + "&region="
                        + parts[2]);
                assertThat(one.get("counts")).hasSize(1);
                assertThat(one.get("counts").get(0).get("count").asLong()).as(count.getKey())
                        .isEqualTo(count.getValue());
            }
            JsonNode daily = rig.json(url + "/api/v1/history?bucket=day&from=2023-11-20&to=2023-11-23");
            Map<String, Long> byDay = new TreeMap<>();
            daily.get("counts").forEach(row -> byDay.merge("glenn-2023/" + row.get("day").asText(),
                    row.get("count").asLong(), Long::sum));
            Map<String, Long> modelDays = new TreeMap<>();
            rig.model.byDay().forEach((key, count) -> modelDays.merge("glenn-2023/" + CountKeys.parts(key)[1], count,
                    Long::sum));
            assertThat(nonZero(byDay)).isEqualTo(nonZero(modelDays));
        }

        // the keys really are spread: each instance holds a part, and the parts add up to the whole
        long firstPart = localSignatures(first);
        long secondPart = localSignatures(second);
        assertThat(firstPart).isPositive().isLessThan(expected);
        assertThat(secondPart).isPositive().isLessThan(expected);
        assertThat(firstPart + secondPart).isEqualTo(expected);

        // one instance leaves: while the other takes its partitions over, answers are complete, stale or a 503,
        // never a 500, and then complete again
        second.close();
        second = null;
        String url = first.httpUrl();
        Set<Integer> statuses = new TreeSet<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = rig.get(url + "/api/v1/total");
            statuses.add(response.statusCode());
            assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
            JsonNode body = PipelineRig.JSON.readTree(response.body());
            return response.statusCode() == 200 && !body.has("stale") && body.get("total").asLong() == expected
                    && first.kafkaStreams().metadataForAllStreamsClients().size() == 1;
        });
        assertThat(statuses).doesNotContain(500);
    }

    private boolean bothRunningWithPartitions() {
        return first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING
                && first.kafkaStreams().metadataForAllStreamsClients().size() == 2
                && first.kafkaStreams().metadataForAllStreamsClients().stream()
                .allMatch(instance -> !instance.topicPartitions().isEmpty());
    }

    /** This instance's own part, from its per-instance gauge. */
    private long localSignatures(CountingService instance) throws Exception {
        return rig.get(instance.httpUrl() + "/metrics").body().lines()
                .filter(line -> line.startsWith("petition_signatures{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> result = new TreeMap<>(counts);
        result.values().removeIf(count -> count == 0);
        return result;
    }
}
