package be.petition.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    @Test
    void theClusterIdIsKeptInTheDataDirectory(@TempDir Path dataDir) {
        String first = EmbeddedBroker.clusterId(dataDir);
        assertThat(first).doesNotStartWith("-").hasSize(22);
        assertThat(EmbeddedBroker.clusterId(dataDir)).isEqualTo(first);
    }

    @Test
    void aSingleNodeNeedsOneReplicaForEveryInternalTopic(@TempDir Path dataDir) {
        Properties props = EmbeddedBroker.serverProperties(dataDir, "127.0.0.1", 9092, 9093,
                Map.of("auto.create.topics.enable", "false"));

        assertThat(props).containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
    }
}
