package be.petition.launcher;

import be.petition.config.ConfigOptions;
import be.petition.lifecycle.UntilStopped;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petition up}: the whole pipeline locally, in this one process, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Runs the whole pipeline locally: a Kafka broker, the Schema Registry, the topics, the Streams"
                + " app with the live page, a mail server catching the confirmation mails, the gateway, and simulated traffic. Ctrl-C stops everything cleanly."
                + " --set applies to every service (e.g. --set gateway.port=18080).")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where the broker, the Streams state and the development secrets live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--no-simulator", description = "Do not send simulated traffic.")
    boolean noSimulator;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "5",
            description = "Simulated signatures per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
            description = "Kafka nodes, each broker and controller (default: ${DEFAULT-VALUE}). 3: one controller quorum"
                    + " of 3, every topic (Streams' internal ones too) with 3 replicas and min.insync.replicas=2;"
                    + " data in DIR/kafka-cluster-N, ports broker.port and broker.controller.port, +2 per node.")
    int brokers;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "1",
            description = "Streams instances sharing the counting, each with a standby copy of another's state, its"
                    + " own state directory and query port (streams.http.port, +1 per instance); every one answers"
                    + " for the whole petition (default: ${DEFAULT-VALUE}).")
    int instances;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Pipeline pipeline = Pipeline.start(new Pipeline.Options(dataDir, config.file(), System.getenv(),
                config.settings(), !noSimulator, rate, brokers, instances), System.out);
        pipeline.printAddresses();
        UntilStopped.await(pipeline, "pipeline");
        return 0;
    }
}
