package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.petition.avro.Channel;
import be.petition.stack.EmbeddedStackExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances with a standby copy of each other's stores (num.standby.replicas=1); one dies without a word to the
 * group (as after kill -9: the group notices only when its session times out). Signatures keep coming; the other
 * takes every partition over and answers for the whole petition, never with a 500.
 */
@ExtendWith(EmbeddedStackExtension.class)
class InstanceFailoverIT {
    private static final List<String> REGIONS = List.of("BE-VAN", "BE-WLG", "BE-BRU", "BE-VOV", "BE-WNA", "FR", "ZZ");
    private static final Instant START = Instant.parse("2023-11-20T08:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    private PipelineRig rig;
    private CountingService survivor;
    private CountingService victim;

    @AfterEach
    void stop() {
        if (victim != null) {
            victim.close();
        }
        if (survivor != null) {
            survivor.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void whenAnInstanceDiesTheOtherTakesOverAndAnswersForEverything() throws Exception {
        rig = new PipelineRig(EmbeddedStackExtension.stack(), Map.of(KafkaStreamsConfig.STANDBY_REPLICAS, "1"));
        survivor = CountingService.start(rig.config(stateDir.resolve("one")));
        victim = CountingService.start(rig.config(stateDir.resolve("two")));
        await().atMost(TIMEOUT).until(this::bothActiveWithStandbys);

        signers(0, 300);
        rig.flush();
        for (CountingService instance : List.of(survivor, victim)) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(total(instance.httpUrl())).isEqualTo(rig.model.total()));
        }

        // no leave-group request, its query port gone: the group waits for the session timeout as for a killed process
        victim.kafkaStreams().close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        victim.close();
        victim = null;
        signers(300, 450);
        for (int signer = 0; signer < 20; signer++) {
            rig.withdraw(signer, START.plus(5, ChronoUnit.DAYS));
        }
        rig.flush();
        long expected = rig.model.total();
        assertThat(expected).isEqualTo(430);

        Set<Integer> statuses = new TreeSet<>();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = rig.get(survivor.httpUrl() + "/api/v1/total");
            statuses.add(response.statusCode());
            assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
            JsonNode body = PipelineRig.JSON.readTree(response.body());
            return response.statusCode() == 200 && !body.has("stale") && body.get("total").asLong() == expected
                    && survivor.kafkaStreams().metadataForAllStreamsClients().size() == 1;
        });
        assertThat(statuses).doesNotContain(500);
        Map<String, Long> breakdown = new TreeMap<>();
        rig.json(survivor.httpUrl() + "/api/v1/counts?by=channel,region").get("counts").forEach(row -> {
            if (row.get("count").asLong() != 0) {
                breakdown.put("glenn-2023/" + row.get("channel").asText() + "/" + row.get("region").asText(),
                        row.get("count").asLong());
            }
        });
        Map<String, Long> model = new TreeMap<>(rig.model.byChannelRegion());
        model.values().removeIf(count -> count == 0);
        assertThat(breakdown).isEqualTo(model);
    }

    /** Both run, both hold active partitions, and each keeps a standby copy of some of the other's. */
    private boolean bothActiveWithStandbys() {
        return List.of(survivor, victim).stream().allMatch(instance ->
                instance.state() == KafkaStreams.State.RUNNING
                        && instance.kafkaStreams().metadataForLocalThreads().stream()
                        .anyMatch(thread -> !thread.activeTasks().isEmpty())
                        && instance.kafkaStreams().metadataForLocalThreads().stream()
                        .anyMatch(thread -> !thread.standbyTasks().isEmpty()));
    }

    private void signers(int from, int to) {
        for (int signer = from; signer < to; signer++) {
            rig.sign(signer, Channel.values()[1 + signer % 3], REGIONS.get(signer % REGIONS.size()),
                    START.plus(signer * 7L, ChronoUnit.MINUTES));
        }
    }

    private long total(String url) throws Exception {
        return rig.json(url + "/api/v1/total").get("total").asLong();
    }
}
