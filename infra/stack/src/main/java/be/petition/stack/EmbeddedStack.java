package be.petition.stack;

import be.petition.broker.EmbeddedCluster;
import be.petition.config.ServiceConfig;
import be.petition.provisioning.TopicProvisioner;
import be.petition.registry.server.RegistryServer;
import be.petition.topics.Topic;
import be.petition.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker (or a cluster of them) and a Schema Registry on free ports with every pipeline topic provisioned: what
 * integration tests run against. Use {@link EmbeddedStackExtension} to share one single-broker stack per test JVM.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final EmbeddedCluster cluster;
    private final RegistryServer registry;

    private EmbeddedStack(Path dataDir, boolean deleteOnClose, EmbeddedCluster cluster, RegistryServer registry) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.cluster = cluster;
        this.registry = registry;
    }

    /** Starts a stack in a new temporary directory, deleted again by {@link #close()}. */
    public static EmbeddedStack start() {
        try {
            return start(Files.createTempDirectory("petition-stack-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the embedded stack: " + e.getMessage(), e);
        }
    }

    /** Starts a stack keeping its data in {@code dataDir}; with deleteOnClose the directory goes when it stops. */
    public static EmbeddedStack start(Path dataDir, boolean deleteOnClose) {
        return start(dataDir, deleteOnClose, 1);
    }

    /**
     * Starts a stack on a cluster of {@code brokers} nodes: every topic gets as many replicas, up to 3, and from 3
     * on min.insync.replicas=2 (the cluster's default, and the provisioner's).
     */
    public static EmbeddedStack start(Path dataDir, boolean deleteOnClose, int brokers) {
        long started = System.nanoTime();
        EmbeddedCluster cluster = EmbeddedCluster.start(dataDir.resolve("broker"), "127.0.0.1", brokers, 0, 0, Map.of());
        RegistryServer registry = null;
        try {
            TopicProvisioner.forLocalCluster(cluster.bootstrapServers(), replicas(brokers)).provision();
            registry = RegistryServer.start(cluster.bootstrapServers(), Map.of(), "127.0.0.1", 0);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("Embedded stack ready in {} ms: Kafka {}, Schema Registry {}", (System.nanoTime() - started) / 1_000_000,
                cluster.bootstrapServers(), registry.url());
        return new EmbeddedStack(dataDir, deleteOnClose, cluster, registry);
    }

    private static int replicas(int brokers) {
        return Math.min(3, brokers);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The brokers, to stop and start one of them (only on a stack of one's own, never the shared one). */
    public EmbeddedCluster cluster() {
        return cluster;
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** Client settings that reach this stack: bootstrap.servers and schema.registry.url. */
    public Map<String, Object> clientProps() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                "schema.registry.url", schemaRegistryUrl());
    }

    /**
     * Gives one test its own copy of every pipeline topic, named {@code <prefix>-<default name>}, so tests sharing
     * this broker never count each other's records. Returns the {@code topics.<default name>.name} settings that
     * point every service at the copies; provisioning returns once each new partition has a leader.
     */
    public Map<String, String> createOwnTopics(String prefix, int partitions) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Topic<?> topic : Topics.pipeline()) {
            names.put(TopicProvisioner.PREFIX + topic.name() + ".name", prefix + "-" + topic.name());
        }
        Map<String, String> settings = new LinkedHashMap<>(names);
        settings.put(ServiceConfig.KAFKA_PREFIX + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        settings.put(TopicProvisioner.PREFIX + "partitions", String.valueOf(partitions));
        settings.put(TopicProvisioner.PREFIX + "replication.factor", String.valueOf(replicas(cluster.size())));
        TopicProvisioner.fromConfig(ServiceConfig.of(settings)).provision();
        return names;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            cluster.close();
            if (deleteOnClose) {
                deleteRecursively(dataDir);
            }
        }
    }

    /** Deletes a directory and what it holds; what cannot be deleted is logged, never thrown. */
    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
