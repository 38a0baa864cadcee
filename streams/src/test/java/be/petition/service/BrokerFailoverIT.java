package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import be.petition.avro.Channel;
import be.petition.stack.EmbeddedStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once on a cluster of three brokers, every topic with 3 replicas and min.insync.replicas=2 (Streams' internal
 * ones too): the broker coordinating the app's group stops while signatures are produced (acks=all) and counted, the
 * pipeline goes on with two, the broker comes back, and the counts are exactly the model's before, during and after.
 */
class BrokerFailoverIT {
    private static final List<String> REGIONS = List.of("BE-VAN", "BE-WLG", "BE-BRU", "BE-VOV", "BE", "NL", "ZZ");
    private static final Instant START = Instant.parse("2023-11-20T08:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private EmbeddedStack stack;
    private PipelineRig rig;
    private CountingService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (rig != null) {
            rig.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void countsStayExactWhileABrokerStopsMidStreamAndComesBack() throws Exception {
        stack = EmbeddedStack.start(dir.resolve("stack"), false, 3);
        rig = new PipelineRig(stack, Map.of(KafkaStreamsConfig.REPLICATION_FACTOR, "3"));
        service = CountingService.start(rig.config(dir.resolve("state")));
        await().atMost(TIMEOUT).until(() -> service.state() == KafkaStreams.State.RUNNING);

        signers(0, 400);
        awaitExactCounts();
        assertEveryTopicHasThreeReplicasAndAcknowledgesOnTwo();

        // the coordinator of the app's group and transactions is the hardest broker to lose; records are in flight
        int stopped = groupCoordinator();
        signers(400, 800);
        stack.cluster().stop(stopped);
        signers(800, 1200);
        for (int signer = 0; signer < 50; signer++) {
            rig.withdraw(signer, START.plus(10, ChronoUnit.DAYS));
        }
        awaitExactCounts();

        stack.cluster().restart(stopped);
        signers(1200, 1500);
        for (int signer = 400; signer < 450; signer++) {
            rig.withdraw(signer, START.plus(10, ChronoUnit.DAYS));
        }
        awaitExactCounts();
        assertThat(rig.model.total()).isEqualTo(1500 - 100);
    }

    private void signers(int from, int to) {
        for (int signer = from; signer < to; signer++) {
            rig.sign(signer, Channel.values()[1 + signer % 3], REGIONS.get(signer % REGIONS.size()),
                    START.plus(signer * 3L, ChronoUnit.MINUTES));
        }
    }

    /** Every record Kafka acknowledged is counted once: the API's total and breakdown equal the model's. */
    private void awaitExactCounts() {
        rig.flush();
        Map<String, Long> expected = new TreeMap<>(rig.model.byChannelRegion());
        expected.values().removeIf(count -> count == 0);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
            Map<String, Long> counts = new TreeMap<>();
            rig.json(service.httpUrl() + "/api/v1/counts?by=channel,region").get("counts")
                    .forEach(row -> {
                        if (row.get("count").asLong() != 0) {
                            counts.put("glenn-2023/" + row.get("channel").asText() + "/" + row.get("region").asText(),
                                    row.get("count").asLong());
                        }
                    });
            assertThat(counts).isEqualTo(expected);
            assertThat(rig.json(service.httpUrl() + "/api/v1/total").get("total").asLong())
                    .isEqualTo(rig.model.total());
        });
    }

    private void assertEveryTopicHasThreeReplicasAndAcknowledgesOnTwo() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(30, TimeUnit.SECONDS);
            String applicationId = service.applicationId();
            assertThat(topics).as("Streams' changelog and repartition topics, the offsets and transactions")
                    .anyMatch(topic -> topic.startsWith(applicationId) && topic.endsWith("-changelog"))
                    .anyMatch(topic -> topic.startsWith(applicationId) && topic.endsWith("-repartition"))
                    .contains("__consumer_offsets", "__transaction_state", "_schemas");
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all()
                    .get(30, TimeUnit.SECONDS);
            for (String topic : topics) {
                assertThat(descriptions.get(topic).partitions()).as(topic)
                        .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                        .get("min.insync.replicas").value()).as(topic).isEqualTo("2");
            }
        }
    }

    private int groupCoordinator() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(service.applicationId())).all().get(30, TimeUnit.SECONDS)
                    .get(service.applicationId()).coordinator().id();
        }
    }
}
