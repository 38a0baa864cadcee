package be.petition.broker;

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

/** {@code petition broker}: a single-node KRaft Kafka broker in the foreground. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a single-node Kafka broker (KRaft, broker and controller in one process) until Ctrl-C."
                + " Settings: broker.properties; server.<kafka setting> passes any broker setting through.")
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
        EmbeddedBroker broker = start(config.load(DEFAULTS, flags));
        System.out.println("Kafka broker listening at " + broker.bootstrapServers() + " (data in "
                + broker.dataDir().toAbsolutePath() + "). Ctrl-C stops it.");
        UntilStopped.await(broker, "broker");
        return 0;
    }

    /** Starts a broker from {@code broker.properties}-style settings (for {@code petition up}). */
    public static EmbeddedBroker start(ServiceConfig settings) {
        Map<String, String> server = new LinkedHashMap<>();
        settings.withPrefix("server.", true).forEach((key, value) -> server.put(key, value.toString()));
        return EmbeddedBroker.start(Path.of(settings.string("broker.data.dir")), settings.string("broker.host"),
                settings.integer("broker.port"), settings.integer("broker.controller.port"), server);
    }
}
