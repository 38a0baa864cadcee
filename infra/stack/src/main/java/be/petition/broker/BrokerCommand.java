package be.petition.broker;

import be.petition.broker.EmbeddedBroker.Membership;
import be.petition.config.ConfigOptions;
import be.petition.config.ServiceConfig;
import be.petition.lifecycle.UntilStopped;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petition broker}: a KRaft Kafka node (alone, or one member of a cluster) in the foreground. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs a Kafka node (KRaft, broker and controller in one process) until Ctrl-C: alone, or one member"
                + " of a cluster with --node-id, --controller-quorum and --cluster-id (the same quorum and cluster id on"
                + " every member; start them all, each waits for a quorum of its voters).",
                "Settings: broker.properties; server.<kafka setting> passes any broker setting through."})
public final class BrokerCommand implements Callable<Integer> {
    public static final String DEFAULTS = "broker.properties";

    @Mixin
    ConfigOptions config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the broker keeps its data (broker.data.dir).")
    Path dataDir;

    @Option(names = "--port", description = "Client port (broker.port, 0 = any free port).")
    Integer port;

    @Option(names = "--controller-port", description = "KRaft controller port (broker.controller.port, 0 = any free port).")
    Integer controllerPort;

    @Option(names = "--node-id", description = "This node's id in its cluster (broker.node.id, default 1).")
    Integer nodeId;

    @Option(names = "--controller-quorum", paramLabel = "ID@HOST:PORT,...", description = "Every node of the cluster"
            + " (all are voters), e.g. 1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097; this node's controller"
            + " listener is its entry (broker.controller.quorum; unset: a cluster of this node alone).")
    String controllerQuorum;

    @Option(names = "--cluster-id", description = "The id every member of the cluster shares, needed on a member's"
            + " first start (broker.cluster.id; then kept in its data directory).")
    String clusterId;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        if (dataDir != null) {
            flags.put("broker.data.dir", dataDir.toString());
        }
        if (port != null) {
            flags.put("broker.port", port.toString());
        }
        if (controllerPort != null) {
            flags.put("broker.controller.port", controllerPort.toString());
        }
        if (nodeId != null) {
            flags.put("broker.node.id", nodeId.toString());
        }
        if (controllerQuorum != null) {
            flags.put("broker.controller.quorum", controllerQuorum);
        }
        if (clusterId != null) {
            flags.put("broker.cluster.id", clusterId);
        }
        EmbeddedBroker broker = start(config.load(DEFAULTS, flags));
        System.out.println("Kafka broker " + broker.nodeId() + " listening at " + broker.bootstrapServers() + " (data in "
                + broker.dataDir().toAbsolutePath() + "). Ctrl-C stops it.");
        UntilStopped.await(broker, "broker");
        return 0;
    }

    /** Starts a node from {@code broker.properties}-style settings (for {@code petition up}). */
    public static EmbeddedBroker start(ServiceConfig settings) {
        String quorum = settings.string("broker.controller.quorum", "");
        String clusterId = settings.string("broker.cluster.id", "");
        Membership membership = new Membership(settings.integer("broker.node.id"),
                quorum.isBlank() ? null : quorum.replace(" ", ""), clusterId.isBlank() ? null : clusterId.trim());
        return EmbeddedBroker.start(Path.of(settings.string("broker.data.dir")), settings.string("broker.host"),
                settings.integer("broker.port"), settings.integer("broker.controller.port"), membership,
                serverSettings(settings));
    }

    /**
     * Starts {@code size} nodes in one cluster (for {@code petition up --brokers}): node {@code i} keeps its data in
     * {@code broker.data.dir/node-i} and listens on {@code broker.port + 2(i-1)} and
     * {@code broker.controller.port + 2(i-1)}.
     */
    public static EmbeddedCluster startCluster(ServiceConfig settings, int size) {
        return EmbeddedCluster.start(Path.of(settings.string("broker.data.dir")), settings.string("broker.host"), size,
                settings.integer("broker.port"), settings.integer("broker.controller.port"), serverSettings(settings));
    }

    private static Map<String, String> serverSettings(ServiceConfig settings) {
        Map<String, String> server = new LinkedHashMap<>();
        settings.withPrefix("server.", true).forEach((key, value) -> server.put(key, value.toString()));
        return server;
    }
}
