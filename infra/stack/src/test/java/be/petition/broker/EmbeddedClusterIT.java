package be.petition.broker;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.config.ServiceConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three nodes started by hand as `petition broker --node-id N --controller-quorum ... --cluster-id ...` does. */
class EmbeddedClusterIT {

    @Test
    void threeMembersStartedByHandFormOneClusterThatTakesWritesWithOneNodeDown(@TempDir Path dataDir) throws Exception {
        List<Integer> clientPorts = List.of(freePort(), freePort(), freePort());
        String quorum = "1@127.0.0.1:" + freePort() + ",2@127.0.0.1:" + freePort() + ",3@127.0.0.1:" + freePort();
        String clusterId = EmbeddedBroker.newClusterId();
        List<EmbeddedBroker> nodes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            // each member waits for a quorum of voters in start(): all three must start at once
            List<CompletableFuture<EmbeddedBroker>> starting = new ArrayList<>();
            for (int id = 1; id <= 3; id++) {
                ServiceConfig settings = ServiceConfig.load(BrokerCommand.DEFAULTS, null, Map.of(), Map.of(
                        "broker.data.dir", dataDir.resolve("node-" + id).toString(),
                        "broker.port", String.valueOf(clientPorts.get(id - 1)),
                        "broker.node.id", String.valueOf(id),
                        "broker.controller.quorum", quorum,
                        "broker.cluster.id", clusterId));
                starting.add(CompletableFuture.supplyAsync(() -> BrokerCommand.start(settings), threads));
            }
            for (CompletableFuture<EmbeddedBroker> node : starting) {
                nodes.add(node.get(3, TimeUnit.MINUTES));
            }
            String bootstrap = String.join(",", nodes.stream().map(EmbeddedBroker::bootstrapServers).toList());
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(clusterId);
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
                assertThat(admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).voters()).hasSize(3);
                // no replication factor given: the cluster's default of 3, and min ISR 2
                admin.createTopics(List.of(new NewTopic("replicated", 3, (short) -1).configs(Map.of())))
                        .all().get(30, TimeUnit.SECONDS);
                TopicDescription topic = admin.describeTopics(List.of("replicated")).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get("replicated");
                assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "replicated");
                assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                        .get("min.insync.replicas").value()).isEqualTo("2");

                nodes.remove(0).close();
                // two of three replicas are in sync: min ISR 2 still lets acks=all writes through
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new StringSerializer())) {
                    for (int partition = 0; partition < 3; partition++) {
                        producer.send(new ProducerRecord<>("replicated", partition, "k", "v")).get(60, TimeUnit.SECONDS);
                    }
                }
            }
        } finally {
            // at once, as EmbeddedCluster does: one by one, the last would wait its full bound for a lost quorum
            CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(
                    () -> node.close(Duration.ofSeconds(2)), threads)).toArray(CompletableFuture[]::new))
                    .get(2, TimeUnit.MINUTES);
            threads.shutdown();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
