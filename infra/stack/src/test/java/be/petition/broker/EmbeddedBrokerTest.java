package be.petition.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import be.petition.broker.EmbeddedBroker.Membership;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    @Test
    void theClusterIdIsKeptInTheDataDirectory(@TempDir Path dataDir) {
        String first = EmbeddedBroker.clusterId(dataDir, Membership.ALONE);
        assertThat(first).doesNotStartWith("-").hasSize(22);
        assertThat(EmbeddedBroker.clusterId(dataDir, Membership.ALONE)).isEqualTo(first);
    }

    @Test
    void aSingleNodeNeedsOneReplicaForEveryInternalTopic(@TempDir Path dataDir) {
        Properties props = EmbeddedBroker.serverProperties(dataDir, "127.0.0.1", 9092, 9093, Membership.ALONE,
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

    @Test
    void aMemberOfThreeReplicatesEveryTopicThriceAndAcknowledgesOnTwo(@TempDir Path dataDir) {
        Membership member = new Membership(2, "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097", "abc");
        Properties props = EmbeddedBroker.serverProperties(dataDir, "127.0.0.1", 9094,
                member.controllerPort(0), member, Map.of());

        assertThat(props).containsEntry("node.id", "2")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("share.coordinator.state.topic.replication.factor", "3")
                .containsEntry("share.coordinator.state.topic.min.isr", "2")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2");
    }

    @Test
    void aMemberNeedsItsPlaceInTheQuorumAndTheClusterId(@TempDir Path dataDir) {
        String quorum = "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097";
        assertThatThrownBy(() -> new Membership(4, quorum, "abc").controllerPort(0))
                .hasMessageContaining("Node 4 is not in the controller quorum");
        assertThatThrownBy(() -> new Membership(1, "1@9093", "abc").controllerPort(0))
                .hasMessageContaining("is not id@host:port");
        assertThatThrownBy(() -> EmbeddedBroker.clusterId(dataDir, new Membership(1, quorum, null)))
                .hasMessageContaining("give every node the same cluster id, e.g. --cluster-id ");

        assertThat(EmbeddedBroker.clusterId(dataDir, new Membership(1, quorum, "abc"))).isEqualTo("abc");
        assertThat(EmbeddedBroker.clusterId(dataDir, new Membership(1, quorum, null))).as("kept").isEqualTo("abc");
        assertThatThrownBy(() -> EmbeddedBroker.clusterId(dataDir, new Membership(1, quorum, "xyz")))
                .hasMessageContaining("belongs to cluster abc, not xyz");
    }
}
