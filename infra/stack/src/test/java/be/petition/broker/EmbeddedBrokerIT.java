package be.petition.broker;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.config.ServiceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker of its own (never the shared one): it is stopped and started again on the same data directory. */
class EmbeddedBrokerIT {

    @Test
    void aRestartOnTheSameDataDirectoryKeepsTopicsRecordsAndTheClusterId(@TempDir Path dataDir) throws Exception {
        String clusterId;
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir, 0, 0)) {
            clusterId = broker.clusterId();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(clusterId);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", 0, "k", "v")).get(30, TimeUnit.SECONDS);
            }
        }

        // the second start as `petition broker` does it: from the documented defaults file plus settings
        ServiceConfig settings = ServiceConfig.load(BrokerCommand.DEFAULTS, null, Map.of(), Map.of(
                "broker.data.dir", dataDir.toString(), "broker.port", "0", "broker.controller.port", "0",
                "server.auto.create.topics.enable", "false"));
        try (EmbeddedBroker broker = BrokerCommand.start(settings);
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(clusterId);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
            assertThat(admin.describeConfigs(List.of(node)).all().get(30, TimeUnit.SECONDS).get(node)
                    .get("auto.create.topics.enable").value()).isEqualTo("false");
            TopicPartition partition = new TopicPartition("kept", 0);
            assertThat(admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .partitionResult(partition).get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
        }
    }
}
