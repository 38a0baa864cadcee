package be.petition.service;

import be.petition.avro.Channel;
import be.petition.config.ServiceConfig;
import be.petition.query.InternalSecret;
import be.petition.serde.SpecificAvroSerializer;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import be.petition.topology.Events;
import be.petition.topology.PetitionModel;
import be.petition.topology.TopologySettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Topics of one test (so tests sharing the JVM's broker never see each other's records), the Streams settings to
 * run on them, a producer writing signatures with the real Avro serde, the model of what must be counted, and an
 * HTTP client for the API.
 */
final class PipelineRig implements AutoCloseable {
    static final int PARTITIONS = 6;
    static final ObjectMapper JSON = new ObjectMapper();
    /** The instances' shared secret in tests. */
    static final String INTERNAL_SECRET = "test-internal-secret-0123456789";

    final PetitionModel model = new PetitionModel();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> values = new HashMap<>();
    private final KafkaProducer<String, SpecificRecord> producer;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final TopologySettings settings;
    private int ids;

    PipelineRig() throws Exception {
        this(EmbeddedStackExtension.stack(), Map.of());
    }

    /** On a stack of the test's own (e.g. three brokers), with more settings for every instance. */
    PipelineRig(EmbeddedStack stack, Map<String, String> extra) throws Exception {
        values.putAll(stack.createOwnTopics("api-" + run, PARTITIONS));
        values.put("kafka.bootstrap.servers", stack.bootstrapServers());
        values.put("schema.registry.url", stack.schemaRegistryUrl());
        values.put(KafkaStreamsConfig.APPLICATION_ID, "api-" + run);
        values.put(KafkaStreamsConfig.ROCKSDB_MEMORY_BYTES, String.valueOf(16 * 1024 * 1024));
        values.put(KafkaStreamsConfig.COMMIT_INTERVAL, "100ms");
        values.put("kafka.consumer.session.timeout.ms", "10000");
        values.put(QueryServerSettings.PORT, "0");
        values.put(QueryServerSettings.LIVE_INTERVAL, "100ms");
        values.put(InternalSecret.SETTING, INTERNAL_SECRET);
        values.putAll(extra);
        settings = TopologySettings.from(ServiceConfig.of(values));
        if (!settings.callsTopic().startsWith("api-" + run)) {
            throw new IllegalStateException("The topic settings were not taken: " + settings.callsTopic());
        }

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // one batch in flight and patient timeouts: on a busy machine a timed-out batch retried beside a later one
        // can leave the idempotent producer stuck on OUT_OF_ORDER_SEQUENCE_NUMBER
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
    }

    /** Settings of one instance keeping its state in {@code stateDir}. */
    ServiceConfig config(Path stateDir) {
        Map<String, String> instance = new HashMap<>(values);
        instance.put(KafkaStreamsConfig.STATE_DIR, stateDir.toString());
        return ServiceConfig.of(instance);
    }

    /** A signature of {@code signer-<n>}; counted unless the signer has signed before. */
    String sign(int signer, Channel channel, String region, Instant at) {
        String key = "signer-" + run + "-" + signer;
        String eventId = channel.name().toLowerCase() + "-" + ids++;
        SpecificRecord value = switch (channel) {
            case CALL -> Events.call(eventId, key, region, at);
            case WEB -> Events.web(eventId, key, region, at);
            default -> Events.app(eventId, key, region, at);
        };
        String topic = switch (channel) {
            case CALL -> settings.callsTopic();
            case WEB -> settings.webTopic();
            default -> settings.appTopic();
        };
        send(new ProducerRecord<>(topic, key, value));
        model.sign(Events.CAMPAIGN, key, eventId, channel, region, at);
        return eventId;
    }

    /** The same event once more (a retry of the gateway): a REDELIVERED duplicate. */
    void redeliver(int signer, String eventId, Channel channel, String region, Instant at) {
        String key = "signer-" + run + "-" + signer;
        SpecificRecord value = switch (channel) {
            case CALL -> Events.call(eventId, key, region, at);
            case WEB -> Events.web(eventId, key, region, at);
            default -> Events.app(eventId, key, region, at);
        };
        String topic = channel == Channel.CALL ? settings.callsTopic()
                : channel == Channel.WEB ? settings.webTopic() : settings.appTopic();
        send(new ProducerRecord<>(topic, key, value));
        model.sign(Events.CAMPAIGN, key, eventId, channel, region, at);
    }

    void withdraw(int signer, Instant at) {
        String key = "signer-" + run + "-" + signer;
        String eventId = "wd-" + ids++;
        send(new ProducerRecord<>(settings.withdrawalsTopic(), key, Events.withdrawal(eventId, key, at)));
        model.withdraw(Events.CAMPAIGN, key, eventId, at);
    }

    void withheldCall(Instant at) {
        send(new ProducerRecord<>(settings.callsTopic(), null, Events.call("call-withheld-" + ids++, null, "ZZ", at)));
        model.uncountableCall(Events.CAMPAIGN, "WITHHELD");
    }

    /** A web signature with a region no one knows: rejected, never counted. */
    void invalid(Instant at) {
        String key = "bad-" + run + "-" + ids++;
        send(new ProducerRecord<>(settings.webTopic(), key, Events.web("web-" + key, key, "BE-NOPE", at)));
    }

    /** Waits until Kafka has every record sent so far; a record Kafka refused fails the test here. */
    void flush() {
        producer.flush();
        for (Future<RecordMetadata> record : sent) {
            try {
                record.get(3, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not take a test record", e);
            }
        }
        sent.clear();
    }

    private void send(ProducerRecord<String, SpecificRecord> record) {
        sent.add(producer.send(record));
    }

    HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        producer.close();
    }
}
