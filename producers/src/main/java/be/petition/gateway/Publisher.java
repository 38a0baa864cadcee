package be.petition.gateway;

import be.petition.config.ServiceConfig;
import be.petition.serde.AvroSerdeConfig;
import be.petition.serde.SpecificAvroSerializer;
import be.petition.topics.Topic;
import be.petition.topics.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends prepared records to Kafka and completes when Kafka acknowledged them (acks=all, idempotent): the
 * caller's thread never waits for the broker. A failure to hand the record over (no metadata within
 * max.block.ms, registry unreachable) completes the future exceptionally as well.
 */
public final class Publisher implements AutoCloseable {
    private final Producer<String, SpecificRecord> producer;
    private final ServiceConfig config;

    public Publisher(Producer<String, SpecificRecord> producer, ServiceConfig config) {
        this.producer = producer;
        this.config = config;
    }

    /**
     * A producer from the {@code kafka.*} and registry settings; acks=all and idempotence cannot be turned off. The
     * schemas of every topic it writes are resolved here, so no record waits for the registry later (and a
     * registry that cannot be reached stops the start with a message saying so).
     */
    public static Publisher fromConfig(ServiceConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(config.serde(), false);
        for (Topic<?> topic : List.of(Topics.WEB, Topics.APP, Topics.CALLS, Topics.WITHDRAWALS)) {
            try {
                values.prepare(topic.nameIn(config), SpecificData.get().getSchema(topic.valueType()));
            } catch (SerializationException e) {
                // the cause names the registry's address (without credentials) and what it answered
                throw new IllegalStateException("Cannot resolve the Avro schemas at start. " + e.getMessage()
                        + " Start the Schema Registry, or correct " + AvroSerdeConfig.SCHEMA_REGISTRY_URL
                        + " (and its credentials), then start again.", e);
            }
        }
        return new Publisher(new KafkaProducer<>(props, new StringSerializer(), values), config);
    }

    public CompletableFuture<RecordMetadata> send(Prepared prepared) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        send(prepared, (metadata, error) -> {
            if (error != null) {
                acknowledged.completeExceptionally(error);
            } else {
                acknowledged.complete(metadata);
            }
        });
        return acknowledged;
    }

    /**
     * Hands the record to the producer; the callback runs on the producer's I/O thread once Kafka acknowledged it
     * or gave up, or at once on this thread when the record could not be handed over.
     */
    public void send(Prepared prepared, Callback callback) {
        try {
            producer.send(new ProducerRecord<>(prepared.topic().nameIn(config), prepared.key(), prepared.value()), callback);
        } catch (RuntimeException e) {
            callback.onCompletion(null, e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
