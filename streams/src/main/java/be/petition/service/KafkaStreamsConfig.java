package be.petition.service;

import be.petition.config.ServiceConfig;
import be.petition.topics.Topics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams settings of the petition app, from {@code streams.properties} and its overrides. Settings under
 * {@code kafka.} are passed through last, so an operator can set any Streams or client setting (TLS, SASL, ...),
 * including one this factory sets.
 */
public final class KafkaStreamsConfig {
    public static final String DEFAULTS_RESOURCE = "streams.properties";

    public static final String APPLICATION_ID = "streams.application.id";
    public static final String APPLICATION_SERVER = "streams.application.server";
    public static final String STATE_DIR = "streams.state.dir";
    public static final String THREADS = "streams.threads";
    public static final String STANDBY_REPLICAS = "streams.standby.replicas";
    public static final String REPLICATION_FACTOR = "streams.replication.factor";
    public static final String COMMIT_INTERVAL = "streams.commit.interval";
    public static final String CACHE_BYTES = "streams.cache.bytes";
    public static final String ROCKSDB_MEMORY_BYTES = "streams.rocksdb.memory.bytes";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsConfig.class);

    private KafkaStreamsConfig() {
    }

    public static Properties streamsProperties(ServiceConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.string(APPLICATION_ID, "petition-streams"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // the ledger handles bad input itself; a record that hits a bug goes to the dead-letter topic
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER.nameIn(config));
        // counts do not depend on how the four raw topics interleave (DESIGN.md Counting), so a task never waits for
        // a quiet topic (withdrawals) to order records by time: waiting only cost throughput and start-up time
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.string(APPLICATION_SERVER, "127.0.0.1:8090"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.string(STATE_DIR, "data/streams"));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, integer(config, THREADS, 1));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, integer(config, STANDBY_REPLICAS, 0));
        int replicationFactor = integer(config, REPLICATION_FACTOR, -1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        if (replicationFactor >= 3) {
            // changelogs and repartition topics as the pipeline's own: a committed write is on 2 replicas at least
            props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), 2);
        }
        if (config.asMap().containsKey(COMMIT_INTERVAL)) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.duration(COMMIT_INTERVAL).toMillis());
        }
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, longValue(config, CACHE_BYTES, 10L * 1024 * 1024));
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        props.put(BoundedMemoryRocksDbConfig.MEMORY_BYTES,
                longValue(config, ROCKSDB_MEMORY_BYTES, BoundedMemoryRocksDbConfig.DEFAULT_MEMORY_BYTES));
        for (Map.Entry<String, Object> setting : config.kafka().entrySet()) {
            props.put(setting.getKey(), setting.getValue());
        }
        Object minInSync = props.get(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        if (replicationFactor > 1 && (minInSync == null || "1".equals(String.valueOf(minInSync)))) {
            LOG.warn("{}={} but the internal topics' min.insync.replicas is 1: a committed count may be on one broker"
                    + " only. Set kafka.topic.min.insync.replicas=2.", REPLICATION_FACTOR, replicationFactor);
        }
        if (!props.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("Missing setting \"kafka.bootstrap.servers\": set it in the properties"
                    + " file, as " + ServiceConfig.envName("kafka.bootstrap.servers")
                    + ", or with --set kafka.bootstrap.servers=host:9092");
        }
        return props;
    }

    private static int integer(ServiceConfig config, String key, int defaultValue) {
        return config.asMap().containsKey(key) ? config.integer(key) : defaultValue;
    }

    private static long longValue(ServiceConfig config, String key, long defaultValue) {
        return config.asMap().containsKey(key) ? config.longValue(key) : defaultValue;
    }
}
