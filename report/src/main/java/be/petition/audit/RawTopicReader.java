package be.petition.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the raw topics with a plain consumer: every partition assigned (no consumer group, nothing committed),
 * committed records only, from the beginning to the end offsets taken when {@link #readToEnd} starts. Called again, it
 * reads on from there to the new end.
 */
final class RawTopicReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    /** One record, as the recount takes it. */
    @FunctionalInterface
    interface RecordSink {
        void accept(String topic, byte[] key, byte[] value, long timestamp);
    }

    /** Told the records to read when a pass starts, then the records read so far, now and then. */
    interface ProgressListener {
        void started(long records);

        void advanced(long recordsRead);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    /** The next offset to read per partition: everything before it has been read. */
    private final Map<TopicPartition, Long> next = new HashMap<>();

    RawTopicReader(List<String> topics, Map<String, Object> kafkaSettings) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "petition-audit");
        // large fetches: the audit reads whole topics as fast as it can decode them
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        props.putAll(kafkaSettings);
        // never a group: these would make it one, or commit
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        String servers = String.valueOf(props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        try {
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new AuditException("Cannot create a Kafka consumer for " + servers + ": " + message(e)
                    + ". Check the kafka.* settings.", e);
        }
        try {
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    throw new AuditException("Topic " + topic + " does not exist on " + servers + ". Create the"
                            + " pipeline's topics (./petition topics), or give the audit the same topic names as the"
                            + " pipeline (topics.<default name>.name).");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.beginningOffsets(partitions).forEach(next::put);
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw new AuditException("Cannot read the topics from Kafka at " + servers + " (" + message(e)
                    + "). Is the broker running (./petition broker or ./petition up)? Set kafka.bootstrap.servers.", e);
        } catch (AuditException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** Reads every committed record from where the last pass stopped to the end offsets as they are now. */
    long readToEnd(RecordSink sink, ProgressListener progress) {
        Map<TopicPartition, Long> end;
        try {
            end = consumer.endOffsets(partitions);
        } catch (KafkaException e) {
            throw new AuditException("Cannot ask Kafka for the topics' end offsets (" + message(e)
                    + "). Is the broker running?", e);
        }
        Set<TopicPartition> reading = new HashSet<>();
        long total = 0;
        for (TopicPartition partition : partitions) {
            long from = next.get(partition);
            long to = end.get(partition);
            if (to > from) {
                reading.add(partition);
                consumer.seek(partition, from);
                total += to - from;
            }
        }
        progress.started(total);
        consumer.pause(partitions);
        consumer.resume(reading);
        long read = 0;
        while (!reading.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(POLL);
            } catch (KafkaException e) {
                throw new AuditException("Reading the topics failed (" + message(e) + ")", e);
            }
            for (TopicPartition partition : records.partitions()) {
                long stop = end.get(partition);
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    if (record.offset() < stop) {
                        sink.accept(record.topic(), record.key(), record.value(), record.timestamp());
                        read++;
                    }
                }
            }
            for (TopicPartition partition : List.copyOf(reading)) {
                // transaction markers take offsets too: the position, not the last record, says where we are
                if (consumer.position(partition) >= end.get(partition)) {
                    reading.remove(partition);
                    consumer.pause(List.of(partition));
                    next.put(partition, end.get(partition));
                }
            }
            progress.advanced(read);
        }
        return read;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
