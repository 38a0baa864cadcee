package be.petition.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.config.ServiceConfig;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import be.petition.topics.Topic;
import be.petition.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class TopicProvisionerIT {

    @Test
    void theStackHasEveryTopicAsWantedAndProvisioningAgainChangesNothing() throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        TopicProvisioner provisioner = TopicProvisioner.forLocalCluster(stack.bootstrapServers());

        ProvisioningReport again = provisioner.provision();
        assertThat(again.created()).isEmpty();
        assertThat(again.differences()).isEmpty();
        assertThat(again.existing()).hasSize(Topics.pipeline().size() + 1);
        assertThat(provisioner.provision()).isEqualTo(again);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicDescription calls = admin.describeTopics(List.of(Topics.CALLS.name())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.CALLS.name());
            assertThat(calls.partitions()).hasSize(TopicProvisioner.DEFAULT_PARTITIONS);
            assertThat(config(admin, Topics.CALLS).get("retention.ms").value()).isEqualTo("-1");
            assertThat(config(admin, Topics.CALLS).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config(admin, Topics.ACCEPTED).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config(admin, Topics.REJECTED).get("retention.ms").value()).isEqualTo("2592000000");
            assertThat(admin.describeTopics(List.of(Topics.SCHEMAS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.SCHEMAS.name()).partitions()).hasSize(1);
        }
    }

    @Test
    void existingTopicsThatDifferAreReportedNotChanged() {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        ServiceConfig wanted = ServiceConfig.of(Map.of(
                "topics.partitions", "8",
                "topics." + Topics.REJECTED.name() + ".config.retention.ms", "1000"));
        ProvisioningReport report = new TopicProvisioner(Map.of("bootstrap.servers", stack.bootstrapServers()),
                TopicProvisioner.specs(wanted)).provision();

        assertThat(report.created()).isEmpty();
        assertThat(report.differences()).contains(
                Topics.CALLS.name() + ": 6 partitions, wanted 8",
                Topics.REJECTED.name() + ": retention.ms=2592000000, wanted 1000");
        assertThat(report.differences()).noneMatch(d -> d.startsWith(Topics.SCHEMAS.name()));
        assertThat(TopicProvisioner.forLocalCluster(stack.bootstrapServers()).provision().differences()).isEmpty();
    }

    @Test
    void theTopicsCommandProvisionsFromItsDefaultsFile() {
        int exit = new CommandLine(new TopicsCommand()).execute(
                "--set", "kafka.bootstrap.servers=" + EmbeddedStackExtension.stack().bootstrapServers());
        assertThat(exit).isZero();
    }

    private static Config config(Admin admin, Topic<?> topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }
}
