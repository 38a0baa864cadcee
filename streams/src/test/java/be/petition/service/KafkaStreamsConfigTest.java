package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.CallStatus;
import be.petition.config.ServiceConfig;
import be.petition.topology.TopologySettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaStreamsConfigTest {

    private static ServiceConfig load(Map<String, String> overrides) {
        return ServiceConfig.load(KafkaStreamsConfig.DEFAULTS_RESOURCE, null, Map.of(), overrides);
    }

    @Test
    void theDefaultsRunExactlyOnceWithNamedResourcesAndBoundedRocksDb() {
        Properties props = KafkaStreamsConfig.streamsProperties(load(Map.of()));

        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "petition-streams")
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:8090")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class)
                .containsEntry(BoundedMemoryRocksDbConfig.MEMORY_BYTES, 256L * 1024 * 1024);
        // Kafka Streams accepts every setting
        assertThat(new StreamsConfig(props).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void aRecordThatHitsABugGoesToTheDeadLetterTopicAndThreeReplicasKeepCommittedCountsOnTwo() {
        Properties single = KafkaStreamsConfig.streamsProperties(load(Map.of()));
        assertThat(single.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(PoisonRecordHandler.class);
        assertThat(single.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo("signatures.dead-letter.v1");
        assertThat(single).doesNotContainKey(StreamsConfig.topicPrefix("min.insync.replicas"));

        Properties replicated = KafkaStreamsConfig.streamsProperties(load(Map.of(
                KafkaStreamsConfig.REPLICATION_FACTOR, "3",
                "topics.signatures.dead-letter.v1.name", "acme.dead-letter")));
        assertThat(replicated.get(StreamsConfig.topicPrefix("min.insync.replicas"))).isEqualTo(2);
        assertThat(replicated.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo("acme.dead-letter");
        assertThat(KafkaStreamsConfig.streamsProperties(load(Map.of(KafkaStreamsConfig.REPLICATION_FACTOR, "3",
                "kafka.topic.min.insync.replicas", "3"))).get(StreamsConfig.topicPrefix("min.insync.replicas")))
                .as("the deployment's own setting wins").isEqualTo("3");
    }

    @Test
    void settingsOfThePropertiesFileAndKafkaPassThroughApply() {
        Properties props = KafkaStreamsConfig.streamsProperties(load(Map.of(
                KafkaStreamsConfig.STANDBY_REPLICAS, "2",
                KafkaStreamsConfig.APPLICATION_SERVER, "streams-1.internal:8090",
                KafkaStreamsConfig.ROCKSDB_MEMORY_BYTES, "134217728",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.num.stream.threads", "4")));

        assertThat(props).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 2)
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "streams-1.internal:8090")
                .containsEntry(BoundedMemoryRocksDbConfig.MEMORY_BYTES, 134_217_728L)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4");
    }

    @Test
    void aMissingBootstrapServerSaysWhatToSet() {
        assertThatThrownBy(() -> KafkaStreamsConfig.streamsProperties(ServiceConfig.of(Map.of())))
                .hasMessageContaining("kafka.bootstrap.servers").hasMessageContaining("PETITION_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void topologySettingsComeFromTheSameFile() {
        TopologySettings defaults = TopologySettings.from(load(Map.of()));
        assertThat(defaults).isEqualTo(TopologySettings.defaults());

        TopologySettings custom = TopologySettings.from(load(Map.of(
                TopologySettings.CAMPAIGNS, "glenn-2023, glenn-2024",
                TopologySettings.COUNTING_CALL_STATUSES, "completed",
                TopologySettings.MAX_FUTURE_SKEW, "30s",
                "topics.signatures.web.v1.name", "web.v2")));
        assertThat(custom.campaigns()).containsExactly("glenn-2023", "glenn-2024");
        assertThat(custom.defaultCampaign()).isEqualTo("glenn-2023");
        assertThat(custom.countingCallStatuses()).isEqualTo(Set.of(CallStatus.COMPLETED));
        assertThat(custom.maxFutureSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(custom.webTopic()).isEqualTo("web.v2");

        assertThatThrownBy(() -> TopologySettings.from(load(Map.of(TopologySettings.COUNTING_CALL_STATUSES, "ANSWERED"))))
                .hasMessageContaining("ANSWERED").hasMessageContaining("COMPLETED");
        assertThatThrownBy(() -> TopologySettings.from(load(Map.of(TopologySettings.CAMPAIGNS, "a/b"))))
                .hasMessageContaining("without \"/\"");
    }

    @Test
    void everySettingOfTheDefaultsFileIsExplained() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(KafkaStreamsConfig.DEFAULTS_RESOURCE)) {
            assertThat(in).isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int settings = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            settings++;
            boolean explained = false;
            for (int j = i - 1; j >= 0 && !lines.get(j).isBlank(); j--) {
                if (lines.get(j).trim().startsWith("#")) {
                    explained = true;
                    break;
                }
            }
            assertThat(explained).as("a comment above " + line).isTrue();
        }
        assertThat(settings).isGreaterThan(10);
    }
}
