package be.petition.registry.server;

import static be.petition.registry.server.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import be.petition.config.ServiceConfig;
import be.petition.registry.client.RegistryClientException;
import be.petition.registry.client.RestSchemaRegistryClient;
import be.petition.serde.AvroSerdeConfig;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ids are never reused, even after a permanent delete, compaction and a restart. Compaction is simulated exactly:
 * the registry restarts over a topic holding what compaction leaves of the first one.
 */
@ExtendWith(EmbeddedStackExtension.class)
class RegistryIdsIT {

    @Test
    void aPermanentlyDeletedIdIsNeverHandedOutAgain() throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        String topic = "_schemas-ids-" + UUID.randomUUID();
        try (RegistryServer first = start(stack, topic)) {
            RegistryHttp http = new RegistryHttp(first.url());
            assertThat(http.post("/subjects/a-value/versions", schemaBody(RegistryApiIT.V1)).json().path("id").asInt())
                    .isEqualTo(1);
            assertThat(http.post("/subjects/b-value/versions", schemaBody(RegistryApiIT.BROKEN)).json().path("id")
                    .asInt()).isEqualTo(2);
            assertThat(http.delete("/subjects/b-value").status()).isEqualTo(200);
            assertThat(http.delete("/subjects/b-value?permanent=true").status()).isEqualTo(200);
        }

        String compacted = topic + "-compacted";
        copy(stack, RegistryCoreTest.compacted(read(stack, topic)), compacted);

        try (RegistryServer restarted = start(stack, compacted)) {
            RegistryHttp http = new RegistryHttp(restarted.url());
            assertThat(http.post("/subjects/c-value/versions", schemaBody(RegistryApiIT.V2)).json().path("id").asInt())
                    .isEqualTo(3);
            assertThat(http.get("/schemas/ids/1").status()).isEqualTo(200);
            assertThat(http.get("/schemas/ids/2").errorCode()).isEqualTo(40403);
            // the error code the serde's client reports, which Streams turns into an unknown-schema rejection
            try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(new AvroSerdeConfig(
                    Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, restarted.url())))) {
                assertThatThrownBy(() -> client.schemaById(2)).isInstanceOfSatisfying(RegistryClientException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.SCHEMA_NOT_FOUND));
            }
        }
    }

    private static RegistryServer start(EmbeddedStack stack, String topic) {
        return RegistryServer.start(ServiceConfig.load(RegistryServer.DEFAULTS, null, Map.of(), Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(), RegistryServer.PORT, "0",
                RegistryServer.TOPIC, topic)));
    }

    private static List<StoreRecord> read(EmbeddedStack stack, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<StoreRecord> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            // the consumer is single-threaded: poll it on this thread
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(new StoreRecord(r.key(), r.value())));
                return consumer.position(partition) >= end;
            });
        }
        return records;
    }

    private static void copy(EmbeddedStack stack, List<StoreRecord> records, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (StoreRecord record : records) {
                producer.send(new ProducerRecord<>(topic, 0, record.key(), record.value())).get();
            }
        }
    }
}
