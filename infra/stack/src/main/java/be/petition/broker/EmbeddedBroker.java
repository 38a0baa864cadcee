package be.petition.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * A real Apache Kafka node in KRaft combined mode (broker and controller in one process), started from Kafka's own
 * jars: alone, or one member of a cluster whose nodes are all voters of the controller quorum ({@link Membership},
 * {@link EmbeddedCluster}). Its data lives in {@code dataDir} and survives restarts: the directory is formatted on
 * first start only, and the cluster id is kept in {@code dataDir/cluster.id}.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Where the cluster id is kept, so that a restart finds the same cluster. */
    static final String CLUSTER_ID_FILE = "cluster.id";
    static final String LOG_DIR = "kafka-logs";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONTROLLED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * This node's place in its cluster: its node id, the controller quorum ({@code id@host:port,...}; null: this node
     * alone) and the cluster id every member shares (null: the one kept in the data directory, or a new one alone).
     */
    public record Membership(int nodeId, String controllerQuorum, String clusterId) {
        public static final Membership ALONE = new Membership(1, null, null);

        /** The voters, {@code id@host:port,...}; alone, this node at its controller port. */
        String voters(String host, int controllerPort) {
            return controllerQuorum == null ? nodeId + "@" + host + ":" + controllerPort : controllerQuorum;
        }

        /** How many nodes the cluster has: every node is a voter. */
        public int size() {
            return controllerQuorum == null ? 1 : controllerQuorum.split(",").length;
        }

        /** The controller port the quorum gives this node; {@code otherwise} when it is alone. */
        int controllerPort(int otherwise) {
            if (controllerQuorum == null) {
                return otherwise;
            }
            for (String voter : controllerQuorum.split(",")) {
                String[] idAndAddress = voter.trim().split("@", 2);
                int colon = idAndAddress.length == 2 ? idAndAddress[1].lastIndexOf(':') : -1;
                if (colon < 0) {
                    throw new IllegalArgumentException("Controller quorum entry \"" + voter + "\" is not id@host:port"
                            + " (e.g. 1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097)");
                }
                if (idAndAddress[0].equals(String.valueOf(nodeId))) {
                    return Integer.parseInt(idAndAddress[1].substring(colon + 1));
                }
            }
            throw new IllegalArgumentException("Node " + nodeId + " is not in the controller quorum " + controllerQuorum
                    + ": every node of the cluster is a voter, so list it there (" + nodeId + "@host:port)");
        }
    }

    private final KafkaRaftServer server;
    private final int nodeId;
    private final int clusterSize;
    private final Path dataDir;
    private final String host;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private boolean closed;

    private EmbeddedBroker(KafkaRaftServer server, Membership membership, Path dataDir, String host, int port,
                           int controllerPort, String clusterId) {
        this.server = server;
        this.nodeId = membership.nodeId();
        this.clusterSize = membership.size();
        this.dataDir = dataDir;
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
    }

    /** Starts a broker on 127.0.0.1; a port of 0 picks a free one. Returns once the broker answers clients. */
    public static EmbeddedBroker start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, "127.0.0.1", port, controllerPort, Map.of());
    }

    /**
     * Starts a broker.
     *
     * @param host the address both listeners bind to and the broker advertises
     * @param serverOverrides broker settings (Kafka's own names) that replace the single-node defaults
     */
    public static EmbeddedBroker start(Path dataDir, String host, int port, int controllerPort,
                                       Map<String, String> serverOverrides) {
        return start(dataDir, host, port, controllerPort, Membership.ALONE, serverOverrides);
    }

    /**
     * Starts a node of a cluster (or alone, with {@link Membership#ALONE}). A member's controller port is its entry
     * in the quorum. Returns once this node is registered as a broker: a member waits for a quorum of its voters.
     */
    public static EmbeddedBroker start(Path dataDir, String host, int port, int controllerPort, Membership membership,
                                       Map<String, String> serverOverrides) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the broker data directory " + dataDir + ": " + e.getMessage(), e);
        }
        int brokerPort = port == 0 ? freePort(host) : port;
        int quorumPort = membership.controllerPort(controllerPort == 0 ? freePort(host) : controllerPort);
        Properties props = serverProperties(dataDir, host, brokerPort, quorumPort, membership, serverOverrides);
        String clusterId = clusterId(dataDir, membership);
        formatOnFirstStart(dataDir, props, clusterId);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        EmbeddedBroker broker = new EmbeddedBroker(server, membership, dataDir, host, brokerPort, quorumPort, clusterId);
        try {
            server.startup();
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw new IllegalStateException("The Kafka broker did not start on " + host + ":" + brokerPort
                    + " (controller " + quorumPort + ", data " + dataDir + "): " + e.getMessage()
                    + ". Is the port taken, or is the data directory used by another broker?", e);
        }
        LOG.info("Kafka broker {} ready at {} (cluster {}, data in {})", membership.nodeId(), broker.bootstrapServers(),
                clusterId, dataDir);
        return broker;
    }

    /**
     * Both roles, every node a voter; every topic (internal ones too) with up to 3 replicas, as many as there are
     * nodes, and from 3 replicas on min.insync.replicas=2, so that an acknowledged write survives one lost node.
     */
    static Properties serverProperties(Path dataDir, String host, int port, int controllerPort, Membership membership,
                                       Map<String, String> overrides) {
        // one node: a replication factor or min ISR above 1 makes groups and transactions wait forever
        String replicas = String.valueOf(Math.min(3, membership.size()));
        String minInSync = membership.size() >= 3 ? "2" : "1";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(membership.nodeId()));
        settings.put("controller.quorum.voters", membership.voters(host, controllerPort));
        settings.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("log.dirs", dataDir.resolve(LOG_DIR).toAbsolutePath().toString());
        settings.put("offsets.topic.replication.factor", replicas);
        settings.put("transaction.state.log.replication.factor", replicas);
        settings.put("transaction.state.log.min.isr", minInSync);
        settings.put("share.coordinator.state.topic.replication.factor", replicas);
        settings.put("share.coordinator.state.topic.min.isr", minInSync);
        settings.put("default.replication.factor", replicas);
        settings.put("min.insync.replicas", minInSync);
        // a local machine: fewer internal partitions and threads, a small log-cleaner buffer, no join delay
        settings.put("offsets.topic.num.partitions", "10");
        settings.put("transaction.state.log.num.partitions", "10");
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "4");
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.putAll(overrides);
        Properties props = new Properties();
        props.putAll(settings);
        return props;
    }

    /**
     * The cluster id kept in the data directory, else the membership's, else (alone) a new one. The members of a
     * cluster must share one, so a member without a kept one must be given it.
     */
    static String clusterId(Path dataDir, Membership membership) {
        Path file = dataDir.resolve(CLUSTER_ID_FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    if (membership.clusterId() != null && !membership.clusterId().equals(id)) {
                        throw new IllegalArgumentException("The data directory " + dataDir + " belongs to cluster "
                                + id + ", not " + membership.clusterId() + ": give this node another data directory");
                    }
                    return id;
                }
            }
            String id = membership.clusterId();
            if (id == null && membership.size() > 1) {
                throw new IllegalArgumentException("Node " + membership.nodeId() + " joins a cluster of "
                        + membership.size() + ": give every node the same cluster id, e.g. --cluster-id "
                        + newClusterId());
            }
            if (id == null) {
                id = newClusterId();
            }
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A random cluster id that command-line tools accept (Kafka's may start with '-'). */
    public static String newClusterId() {
        String id;
        do {
            id = Uuid.randomUuid().toString();
        } while (id.startsWith("-"));
        return id;
    }

    private static void formatOnFirstStart(Path dataDir, Properties props, String clusterId) {
        if (Files.exists(dataDir.resolve(LOG_DIR).resolve("meta.properties"))) {
            return;
        }
        Path config = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "Written by EmbeddedBroker to format the storage; the broker itself is configured in code");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + config + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        // execute, not main: main calls System.exit
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "--config", config.toString(),
                "--cluster-id", clusterId, "--ignore-formatted"}, print);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        }
        if (status != 0) {
            throw new IllegalStateException("Formatting the Kafka data directory " + dataDir + " failed (status "
                    + status + "): " + output.toString(StandardCharsets.UTF_8).trim());
        }
        LOG.debug("Formatted {}: {}", dataDir, output.toString(StandardCharsets.UTF_8).trim());
    }

    private void awaitReady() {
        awaitNodes(bootstrapServers(), READY_TIMEOUT, nodes -> nodes.stream().anyMatch(node -> node.id() == nodeId),
                "no broker registered");
    }

    /**
     * Asks the cluster at {@code bootstrapServers} for its registered brokers every 100 ms until {@code ready}
     * accepts them; after {@code timeout}, fails with {@code what} (and the last error, if the cluster did not
     * answer).
     */
    static void awaitNodes(String bootstrapServers, Duration timeout, Predicate<Collection<Node>> ready, String what) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (true) {
                Exception unanswered = null;
                try {
                    if (ready.test(admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
                            .get(6, TimeUnit.SECONDS))) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("The cluster at {} does not answer yet: {}", bootstrapServers, e.getMessage());
                    unanswered = e;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + " within " + timeout.toSeconds() + " s at "
                            + bootstrapServers, unanswered);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + bootstrapServers, e);
        }
    }

    static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    public int nodeId() {
        return nodeId;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Stops the broker cleanly and waits until it has; the data stays for the next start. */
    @Override
    public void close() {
        close(CONTROLLED_SHUTDOWN_TIMEOUT);
    }

    /**
     * Stops the broker, giving the controller at most {@code controlledShutdown} to move this node's leaderships
     * away first. Kafka gives it 5 minutes, and a member whose quorum has gone (the last ones when a whole cluster
     * stops) would wait all of them; alone, a node approves its own shutdown at once.
     */
    synchronized void close(Duration controlledShutdown) {
        if (closed) {
            return;
        }
        closed = true;
        if (clusterSize > 1) {
            brokerServer().shutdown(controlledShutdown);
        }
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker {} at {} stopped", nodeId, bootstrapServers());
    }

    /** KafkaRaftServer keeps its broker to itself; its shutdown(timeout) is the only way to bound the wait. */
    private BrokerServer brokerServer() {
        try {
            Field broker = KafkaRaftServer.class.getDeclaredField("broker");
            broker.setAccessible(true);
            return ((Option<?>) broker.get(server)).map(BrokerServer.class::cast).get();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Kafka version's KafkaRaftServer has no broker field to stop", e);
        }
    }
}
