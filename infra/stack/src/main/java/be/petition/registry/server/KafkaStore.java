package be.petition.registry.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: the single-partition compacted {@code _schemas} topic. A reader thread applies every
 * record to the {@link SchemaStore} in order; {@link #write} sends with acks=all and returns once the reader has
 * applied what it sent, so a client that got an answer sees its change on the next request.
 */
final class KafkaStore implements StoreWriter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStore.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final TopicPartition partition;
    private final SchemaStore store;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread reader;
    private final Object progress = new Object();
    /** The offset of the next record to apply. */
    private long applied;
    private volatile RuntimeException readerFailure;
    private volatile boolean running = true;
    private boolean closed;

    private KafkaStore(String topic, SchemaStore store, Map<String, Object> clientProps) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.store = store;
        Map<String, Object> consumerProps = new HashMap<>(clientProps);
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
        Map<String, Object> producerProps = new HashMap<>(clientProps);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer");
        producerProps.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        producerProps.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        producerProps.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        this.reader = new Thread(this::readLoop, "schema-registry-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Creates the topic if it is missing, then reads it to the end before returning, so the registry starts with
     * every id it ever gave.
     *
     * @param replicationFactor for a topic this call creates; 0 means as many as the cluster allows, up to 3
     */
    static KafkaStore open(String topic, int replicationFactor, SchemaStore store, Map<String, Object> clientProps) {
        ensureTopic(topic, replicationFactor, clientProps);
        KafkaStore kafkaStore = new KafkaStore(topic, store, clientProps);
        try {
            kafkaStore.catchUp();
        } catch (RuntimeException e) {
            kafkaStore.close();
            throw e;
        }
        return kafkaStore;
    }

    private static void ensureTopic(String topic, int replicationFactor, Map<String, Object> clientProps) {
        try (Admin admin = Admin.create(clientProps)) {
            if (admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            int replicas = replicationFactor > 0 ? replicationFactor
                    : Math.min(3, admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size());
            NewTopic newTopic = new NewTopic(topic, 1, (short) replicas)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                LOG.info("Created the schemas topic {} ({} replicas)", topic, replicas);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Cannot find or create the schemas topic " + topic + " on "
                    + clientProps.get("bootstrap.servers") + ": " + cause.getMessage()
                    + ". Is Kafka running, and do the kafka.* settings let the registry in?", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing the schemas topic " + topic, e);
        }
    }

    private void catchUp() {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(Set.of(partition), TIMEOUT).get(partition);
        reader.start();
        awaitApplied(end, "reading the schemas topic " + topic + " to its end (" + end + " records)");
        LOG.info("Schema registry state rebuilt from {} records of {}", end, topic);
    }

    private void readLoop() {
        try {
            while (running) {
                List<ConsumerRecord<String, String>> records = new ArrayList<>();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                for (ConsumerRecord<String, String> record : records) {
                    store.apply(record.key(), record.value());
                }
                long position = consumer.position(partition);
                synchronized (progress) {
                    applied = position;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("The schema registry stopped reading {}: {}", topic, e.toString());
                readerFailure = e;
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    @Override
    public void write(List<StoreRecord> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        long last;
        try {
            for (StoreRecord record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, 0, record.key(), record.value())));
            }
            producer.flush();
            last = -1;
            for (Future<RecordMetadata> future : sent) {
                last = Math.max(last, future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).offset());
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new RegistryServerException(500, RegistryServerException.STORE_ERROR,
                    "Error while writing to the schemas topic " + topic + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryServerException(500, RegistryServerException.STORE_ERROR,
                    "Interrupted while writing to " + topic, e);
        }
        awaitApplied(last + 1, "reading back what was written to " + topic);
    }

    private void awaitApplied(long offset, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (progress) {
            while (applied < offset) {
                if (readerFailure != null) {
                    throw new RegistryServerException(500, RegistryServerException.STORE_ERROR,
                            "The registry cannot read " + topic + ": " + readerFailure.getMessage(), readerFailure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new RegistryServerException(500, RegistryServerException.STORE_TIMEOUT, "Timed out " + what);
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryServerException(500, RegistryServerException.STORE_ERROR,
                            "Interrupted while " + what, e);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        if (reader.isAlive()) {
            consumer.wakeup();
            try {
                reader.join(TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
        producer.close(Duration.ofSeconds(5));
    }
}
