package be.petition.registry.server;

import be.petition.config.ServiceConfig;
import be.petition.topics.Topics;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible Schema Registry (Avro) that keeps its schemas in the compacted {@code _schemas} topic,
 * in Confluent's record layout. On start it reads the topic to the end, so a restart keeps every id. Run one
 * instance per topic: it is the single writer. With {@value #AUTH_ENABLED}, every request needs HTTP basic auth
 * with a user of {@value #AUTH_USERS_FILE} ({@link RegistryUsers}).
 */
public final class RegistryServer implements AutoCloseable {
    public static final String DEFAULTS = "registry.properties";
    public static final String HOST = "registry.host";
    public static final String PORT = "registry.port";
    public static final String TOPIC = "registry.topic";
    public static final String TOPIC_REPLICATION_FACTOR = "registry.topic.replication.factor";
    public static final String AUTH_ENABLED = "registry.auth.enabled";
    public static final String AUTH_USERS_FILE = "registry.auth.users.file";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

    private final Javalin http;
    private final KafkaStore kafkaStore;
    private final String host;
    private final boolean authenticated;
    private boolean closed;

    private RegistryServer(Javalin http, KafkaStore kafkaStore, String host, boolean authenticated) {
        this.http = http;
        this.kafkaStore = kafkaStore;
        this.host = host;
        this.authenticated = authenticated;
    }

    /** Starts a registry without authentication on the given Kafka cluster; port 0 picks a free one. */
    public static RegistryServer start(String bootstrapServers, Map<String, Object> kafkaClientProps, String host,
                                       int port) {
        return start(bootstrapServers, kafkaClientProps, host, port, Topics.SCHEMAS.name(), 0, RegistryAccess.open());
    }

    /** Starts a registry from {@code registry.properties} settings: registry.host/port/topic and kafka.* client settings. */
    public static RegistryServer start(ServiceConfig config) {
        String bootstrap = config.string(ServiceConfig.KAFKA_PREFIX + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return start(bootstrap, config.kafka(), config.string(HOST, "127.0.0.1"), config.integer(PORT),
                config.string(TOPIC, Topics.SCHEMAS.name()), config.integer(TOPIC_REPLICATION_FACTOR), access(config));
    }

    private static RegistryAccess access(ServiceConfig config) {
        if (!config.bool(AUTH_ENABLED)) {
            return RegistryAccess.open();
        }
        String file = config.string(AUTH_USERS_FILE, null);
        if (file == null) {
            throw new IllegalArgumentException(AUTH_ENABLED + "=true needs " + AUTH_USERS_FILE + ": a file of lines"
                    + " `user: <password hash>, readonly|admin` (make one with `petition registry hash-password`)");
        }
        return RegistryAccess.basic(RegistryUsers.load(Path.of(file.trim())));
    }

    private static RegistryServer start(String bootstrapServers, Map<String, Object> kafkaClientProps, String host,
                                        int port, String topic, int replicationFactor, RegistryAccess access) {
        Map<String, Object> clientProps = new HashMap<>(kafkaClientProps);
        clientProps.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        SchemaStore store = new SchemaStore();
        KafkaStore kafkaStore = KafkaStore.open(topic, replicationFactor, store, clientProps);
        Javalin http = http(new RegistryRoutes(new RegistryCore(store, kafkaStore), access), host, port);
        try {
            http.start();
        } catch (RuntimeException e) {
            kafkaStore.close();
            throw new IllegalStateException("The Schema Registry cannot listen on " + host + ":" + port + ": "
                    + e.getMessage() + ". Is the port taken? Set " + PORT + " to another one.", e);
        }
        RegistryServer server = new RegistryServer(http, kafkaStore, host, access.enabled());
        String started = "Schema Registry listening at {} (schemas in topic {} on {}; {})";
        if (access.enabled() || isLoopback(host)) {
            LOG.info(started, server.url(), topic, bootstrapServers, server.accessSummary());
        } else {
            LOG.warn(started, server.url(), topic, bootstrapServers, server.accessSummary());
        }
        return server;
    }

    /** The HTTP server over the routes, not started. */
    static Javalin http(RegistryRoutes routes, String host, int port) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.jetty.host = host;
            config.jetty.port = port;
            routes.addTo(config.routes);
        });
    }

    /** Who can reach it and do what, for the startup messages. */
    public String accessSummary() {
        if (authenticated) {
            return "HTTP basic auth: readonly users read, admin users change";
        }
        return isLoopback(host) ? "no authentication, reachable from this machine only"
                : "NO AUTHENTICATION on " + host + ": anyone who reaches it can delete schemas; set " + AUTH_ENABLED;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
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
