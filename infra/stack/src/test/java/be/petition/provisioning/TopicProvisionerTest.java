package be.petition.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.config.ServiceConfig;
import be.petition.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    @Test
    void theDocumentedDefaultsFileGivesTheDesignsTopics() {
        Map<String, TopicSpec> specs = byName(TopicProvisioner.specs(
                ServiceConfig.load(TopicProvisioner.DEFAULTS, null, Map.of(), Map.of())));

        assertThat(specs).hasSize(Topics.pipeline().size() + 1);
        TopicSpec calls = specs.get(Topics.CALLS.name());
        assertThat(calls.partitions()).isEqualTo(6);
        assertThat(calls.replicationFactor()).isEqualTo((short) 1);
        assertThat(calls.configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1");
        assertThat(specs.get(Topics.WITHDRAWALS.name()).configs()).containsEntry("retention.ms", "-1");
        assertThat(specs.get(Topics.ACCEPTED.name()).configs()).containsEntry("cleanup.policy", "compact")
                .doesNotContainKey("retention.ms");
        assertThat(specs.get(Topics.COUNTS.name()).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(specs.get(Topics.REJECTED.name()).configs()).containsEntry("retention.ms", "2592000000");
        assertThat(specs.get(Topics.DEAD_LETTER.name()).configs()).containsEntry("retention.ms", "2592000000");
        assertThat(calls.configs()).as("one replica: no min.insync.replicas to set").doesNotContainKey("min.insync.replicas");
        TopicSpec schemas = specs.get(Topics.SCHEMAS.name());
        assertThat(schemas.partitions()).isEqualTo(1);
        assertThat(schemas.configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void deploymentsOverrideNamesSizesAndSettings() {
        Map<String, TopicSpec> specs = byName(TopicProvisioner.specs(ServiceConfig.of(Map.of(
                "topics.partitions", "12",
                "topics.replication.factor", "3",
                "topics.config.min.insync.replicas", "2",
                "topics.raw.retention.ms", "31536000000",
                "topics.signatures.web.v1.name", "acme.web",
                "topics.signatures.web.v1.partitions", "24",
                "topics._schemas.partitions", "4"))));

        assertThat(specs).containsKey("acme.web").doesNotContainKey(Topics.WEB.name());
        assertThat(specs.get("acme.web").partitions()).isEqualTo(24);
        assertThat(specs.get(Topics.CALLS.name()).partitions()).isEqualTo(12);
        assertThat(specs.get(Topics.CALLS.name()).replicationFactor()).isEqualTo((short) 3);
        assertThat(specs.get(Topics.CALLS.name()).configs()).containsEntry("min.insync.replicas", "2")
                .containsEntry("retention.ms", "31536000000");
        // the registry reads its topic in order: one partition whatever the settings say
        assertThat(specs.get(Topics.SCHEMAS.name()).partitions()).isEqualTo(1);
    }

    @Test
    void threeReplicasMeanAnAcknowledgedWriteIsOnTwoOfThemUnlessTheDeploymentSaysOtherwise() {
        Map<String, TopicSpec> specs = byName(TopicProvisioner.specs(ServiceConfig.of(Map.of(
                "topics.replication.factor", "3",
                "topics.petition.counts.v1.config.min.insync.replicas", "3"))));

        assertThat(specs.get(Topics.CALLS.name()).configs()).containsEntry("min.insync.replicas", "2");
        assertThat(specs.get(Topics.SCHEMAS.name()).configs()).containsEntry("min.insync.replicas", "2");
        assertThat(specs.get(Topics.COUNTS.name()).configs()).containsEntry("min.insync.replicas", "3");
    }

    @Test
    void rawRecordsAreKeptUntilThirtyDaysAfterTheCampaignsLastDay() {
        java.time.Clock now = java.time.Clock.fixed(java.time.Instant.parse("2024-01-31T23:00:00Z"), java.time.ZoneOffset.UTC);
        Map<String, TopicSpec> specs = byName(TopicProvisioner.specs(ServiceConfig.of(Map.of(
                "topics.campaign.end", "2024-03-31")), now));

        // from 1 February 00:00 Brussels to 30 April 24:00 Brussels (1 May 2024 is still summer time, UTC+2)
        long expected = java.time.Duration.between(java.time.Instant.parse("2024-01-31T23:00:00Z"),
                java.time.Instant.parse("2024-04-30T22:00:00Z")).toMillis();
        for (String raw : List.of(Topics.CALLS.name(), Topics.WEB.name(), Topics.APP.name(), Topics.WITHDRAWALS.name())) {
            assertThat(specs.get(raw).configs()).as(raw).containsEntry("retention.ms", String.valueOf(expected));
        }
        assertThat(specs.get(Topics.REJECTED.name()).configs()).containsEntry("retention.ms", "2592000000");
        assertThat(TopicProvisioner.rawRetention(ServiceConfig.of(Map.of("topics.campaign.end", "2024-03-31",
                "topics.raw.retention.ms", "-1")), now)).as("an explicit retention wins").isEqualTo("-1");
        assertThat(TopicProvisioner.rawRetention(ServiceConfig.of(Map.of("topics.campaign.end", "2020-01-01")), now))
                .as("at least a day").isEqualTo("86400000");
    }

    private static Map<String, TopicSpec> byName(List<TopicSpec> specs) {
        return specs.stream().collect(Collectors.toMap(TopicSpec::name, Function.identity()));
    }
}
