package be.petition.broker;

import be.petition.broker.EmbeddedBroker.Membership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka nodes on this machine in one KRaft cluster: every node is broker and controller, all of them voters of one
 * controller quorum (see {@link EmbeddedBroker#serverProperties} for replication). Node {@code i} keeps its data in
 * {@code dataDir/node-i}, the shared cluster id in {@code dataDir/cluster.id}. One node is simply an
 * {@link EmbeddedBroker} in {@code dataDir}. Nodes can be stopped and started again on the same ports and data.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration WHOLE_CLUSTER_SHUTDOWN = Duration.ofSeconds(2);

    /** How to start node {@code id} again: its ports and data stay the same. */
    private record Node(int id, Path dataDir, int port, Membership membership) {
    }

    private final String host;
    private final Map<String, String> serverOverrides;
    private final Map<Integer, Node> nodes = new TreeMap<>();
    private final Map<Integer, EmbeddedBroker> running = new TreeMap<>();

    private EmbeddedCluster(String host, Map<String, String> serverOverrides) {
        this.host = host;
        this.serverOverrides = Map.copyOf(serverOverrides);
    }

    /**
     * Starts {@code size} nodes in parallel (a node waits for a quorum of its voters) and returns once all are
     * registered as brokers. Node {@code i} listens on {@code port + 2(i-1)} for clients and
     * {@code controllerPort + 2(i-1)} for the quorum (9092/9093, 9094/9095, ...); a port of 0 picks free ones.
     */
    public static EmbeddedCluster start(Path dataDir, String host, int size, int port, int controllerPort,
                                        Map<String, String> serverOverrides) {
        if (size < 1) {
            throw new IllegalArgumentException("A cluster needs at least one node, not " + size);
        }
        EmbeddedCluster cluster = new EmbeddedCluster(host, serverOverrides);
        if (size == 1) {
            EmbeddedBroker broker = EmbeddedBroker.start(dataDir, host, port, controllerPort, serverOverrides);
            cluster.nodes.put(1, new Node(1, dataDir, broker.port(), Membership.ALONE));
            cluster.running.put(1, broker);
            return cluster;
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the cluster directory " + dataDir + ": " + e.getMessage(), e);
        }
        List<String> voters = new ArrayList<>();
        List<Integer> clientPorts = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            clientPorts.add(port == 0 ? EmbeddedBroker.freePort(host) : port + 2 * (id - 1));
            voters.add(id + "@" + host + ":" + (controllerPort == 0 ? EmbeddedBroker.freePort(host) : controllerPort + 2 * (id - 1)));
        }
        // every node formats with this id; a node's own copy then keeps it across restarts
        String clusterId = EmbeddedBroker.clusterId(dataDir, Membership.ALONE);
        for (int id = 1; id <= size; id++) {
            Membership membership = new Membership(id, String.join(",", voters), clusterId);
            cluster.nodes.put(id, new Node(id, dataDir.resolve("node-" + id), clientPorts.get(id - 1), membership));
        }
        try {
            inParallel(cluster.nodes.keySet().stream().<Runnable>map(id -> () -> cluster.startNode(id)).toList());
            cluster.awaitBrokers(size);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("Kafka cluster of {} nodes ready at {} (quorum {})", size, cluster.bootstrapServers(),
                String.join(",", voters));
        return cluster;
    }

    private void startNode(int id) {
        Node node = nodes.get(id);
        EmbeddedBroker broker = EmbeddedBroker.start(node.dataDir(), host, node.port(), 0, node.membership(),
                serverOverrides);
        synchronized (this) {
            running.put(id, broker);
        }
    }

    /** Every node's client address, running or not, as clients list them. */
    public String bootstrapServers() {
        return nodes.values().stream().map(node -> host + ":" + node.port()).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** The running node {@code id}, if it runs. */
    public synchronized Optional<EmbeddedBroker> node(int id) {
        return Optional.ofNullable(running.get(id));
    }

    /** Stops node {@code id} cleanly (controlled shutdown: its partitions' leadership moves first); its data stays. */
    public void stop(int id) {
        EmbeddedBroker broker;
        synchronized (this) {
            broker = running.remove(id);
        }
        if (broker == null) {
            throw new IllegalStateException("Node " + id + " does not run");
        }
        broker.close();
    }

    /** Starts the stopped node {@code id} again on its ports and data; returns once it is a broker again. */
    public void restart(int id) {
        if (!nodes.containsKey(id) || node(id).isPresent()) {
            throw new IllegalStateException("Node " + id + " is not a stopped node of this cluster");
        }
        startNode(id);
    }

    private void awaitBrokers(int count) {
        EmbeddedBroker.awaitNodes(bootstrapServers(), READY_TIMEOUT, nodes -> nodes.size() >= count,
                "Fewer than " + count + " brokers registered");
    }

    /**
     * Stops every running node, all at once and without waiting long for leaderships to move (there is nowhere to
     * move them): the last nodes lose their controller quorum and could never have their shutdown approved.
     */
    @Override
    public void close() {
        List<EmbeddedBroker> stopping;
        synchronized (this) {
            stopping = new ArrayList<>(running.values());
            running.clear();
        }
        inParallel(stopping.stream().<Runnable>map(broker -> () -> broker.close(WHOLE_CLUSTER_SHUTDOWN)).toList());
    }

    /**
     * Runs each task on a thread of its own and waits for all; rethrows the first failure. Not the common pool: it
     * may have one thread, and a starting node blocks until its peers start.
     */
    private static void inParallel(List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            CompletableFuture.allOf(tasks.stream().map(task -> CompletableFuture.runAsync(task, threads))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            threads.shutdown();
        }
    }
}
