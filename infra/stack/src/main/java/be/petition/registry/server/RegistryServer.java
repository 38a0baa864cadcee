package be.petition.registry.server;

import be.petition.config.ServiceConfig;
import be.petition.topics.Topics;
import io.javalin.Javalin;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible Schema Registry (Avro) that keeps its schemas in the compacted {@code _schemas} topic,
 * in Confluent's record layout. On start it reads the topic to the end, so a restart keeps every id. Run one
 * instance per topic: it is the single writer.
 */
public final class RegistryServer implements AutoCloseable {
    public static final String DEFAULTS = "registry.properties";
    public static final String HOST = "registry.host";
    public static final String PORT = "registry.port";
    public static final String TOPIC = "registry.topic";
    public static final String TOPIC_REPLICATION_FACTOR = "registry.topic.replication.factor";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

    private final Javalin http;
    private final KafkaStore kafkaStore;
    private final String host;
    private boolean closed;

    private RegistryServer(Javalin http, KafkaStore kafkaStore, String host) {
        this.http = http;
        this.kafkaStore = kafkaStore;
        this.host = host;
    }

    /** Starts a registry on the given Kafka cluster; port 0 picks a free one. */
    public static RegistryServer start(String bootstrapServers, Map<String, Object> kafkaClientProps, String host,
                                       int port) {
        return start(bootstrapServers, kafkaClientProps, host, port, Topics.SCHEMAS.name(), 0);
    }

    /** Starts a registry from {@code registry.properties} settings: registry.host/port/topic and kafka.* client settings. */
    public static RegistryServer start(ServiceConfig config) {
        String bootstrap = config.string(ServiceConfig.KAFKA_PREFIX + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return start(bootstrap, config.kafka(), config.string(HOST, "127.0.0.1"), config.integer(PORT),
                config.string(TOPIC, Topics.SCHEMAS.name()), config.integer(TOPIC_REPLICATION_FACTOR));
    }

    private static RegistryServer start(String bootstrapServers, Map<String, Object> kafkaClientProps, String host,
                                        int port, String topic, int replicationFactor) {
        Map<String, Object> clientProps = new HashMap<>(kafkaClientProps);
        clientProps.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        SchemaStore store = new SchemaStore();
        KafkaStore kafkaStore = KafkaStore.open(topic, replicationFactor, store, clientProps);
        RegistryRoutes routes = new RegistryRoutes(new RegistryCore(store, kafkaStore));
        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.jetty.host = host;
            config.jetty.port = port;
            routes.addTo(config.routes);
        });
        try {
            http.start();
        } catch (RuntimeException e) {
            kafkaStore.close();
            throw new IllegalStateException("The Schema Registry cannot listen on " + host + ":" + port + ": "
                    + e.getMessage() + ". Is the port taken? Set " + PORT + " to another one.", e);
        }
        RegistryServer server = new RegistryServer(http, kafkaStore, host);
        LOG.info("Schema Registry listening at {} (schemas in topic {} on {})", server.url(), topic, bootstrapServers);
        return server;
    }

    /** Where clients reach it, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : shown) + ":" + http.port();
    }

    public int port() {
        return http.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop();
        kafkaStore.close();
    }
}
