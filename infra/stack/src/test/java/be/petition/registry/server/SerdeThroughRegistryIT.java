package be.petition.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import be.petition.avro.Withdrawal;
import be.petition.avro.WithdrawalReason;
import be.petition.registry.client.RegisteredSchema;
import be.petition.registry.client.RestSchemaRegistryClient;
import be.petition.registry.client.RegistryClientException;
import be.petition.serde.AvroSerdeConfig;
import be.petition.serde.SpecificAvroDeserializer;
import be.petition.serde.SpecificAvroSerializer;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import be.petition.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The project's own client and serde work against this registry and a real broker, as they would against Confluent's. */
@ExtendWith(EmbeddedStackExtension.class)
class SerdeThroughRegistryIT {

    @Test
    void aWithdrawalRoundTripsThroughTheRegistryAndTheBroker() throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Withdrawal withdrawal = Withdrawal.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSignerKey("signer-key-for-test")
                .setReason(WithdrawalReason.SIGNER_REQUEST)
                .setEventTime(now)
                .setReceivedTime(now)
                .build();
        String topic = Topics.WITHDRAWALS.name();

        RecordMetadata written;
        try (SpecificAvroSerializer<Withdrawal> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(serde, false);
            try (KafkaProducer<String, Withdrawal> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(), serializer)) {
                written = producer.send(new ProducerRecord<>(topic, withdrawal.getSignerKey(), withdrawal)).get();
            }
        }

        List<ConsumerRecord<String, Withdrawal>> read = new ArrayList<>();
        try (SpecificAvroDeserializer<Withdrawal> deserializer = new SpecificAvroDeserializer<>(Withdrawal.class);
             KafkaConsumer<String, Withdrawal> consumer = consumer(stack, deserializer, serde)) {
            TopicPartition partition = new TopicPartition(topic, written.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            // the consumer is single-threaded: poll it on this thread
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
            });
        }
        assertThat(read.get(0).value()).isEqualTo(withdrawal);

        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(new AvroSerdeConfig(serde))) {
            RegisteredSchema latest = client.latest(topic + "-value");
            assertThat(latest.schema()).isEqualTo(Withdrawal.getClassSchema());
            assertThat(client.schemaById(latest.id())).isEqualTo(Withdrawal.getClassSchema());
            assertThat(client.idOf(topic + "-value", Withdrawal.getClassSchema())).isEqualTo(latest.id());
            assertThat(client.isCompatible(topic + "-value", Withdrawal.getClassSchema())).isTrue();
            assertThatThrownBy(() -> client.schemaById(987_654))
                    .isInstanceOfSatisfying(RegistryClientException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.SCHEMA_NOT_FOUND));
            // the id in the record's Confluent header is the registry's id
            assertThat(ByteBuffer.wrap(serialized(serde, withdrawal)).getInt(1)).isEqualTo(latest.id());
            Schema incompatible = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Withdrawal\","
                    + "\"namespace\":\"be.petition.avro\",\"fields\":[{\"name\":\"eventId\",\"type\":\"int\"}]}");
            assertThat(client.isCompatible(topic + "-value", incompatible)).isFalse();
            assertThatThrownBy(() -> client.register(topic + "-value", incompatible))
                    .isInstanceOfSatisfying(RegistryClientException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(RegistryClientException.INCOMPATIBLE_SCHEMA))
                    .hasMessageContaining("incompatible");
        }
    }

    private static byte[] serialized(Map<String, Object> serde, Withdrawal withdrawal) {
        try (SpecificAvroSerializer<Withdrawal> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(serde, false);
            return serializer.serialize(Topics.WITHDRAWALS.name(), withdrawal);
        }
    }

    private static KafkaConsumer<String, Withdrawal> consumer(EmbeddedStack stack,
                                                              SpecificAvroDeserializer<Withdrawal> deserializer,
                                                              Map<String, Object> serde) {
        deserializer.configure(serde, false);
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringDeserializer(), deserializer);
    }
}
