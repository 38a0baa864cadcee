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

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Pipeline pipeline = Pipeline.start(new Pipeline.Options(dataDir, config.file(), System.getenv(),
                config.settings(), !noSimulator, rate), System.out);
        pipeline.printAddresses();
        UntilStopped.await(pipeline, "pipeline");
        return 0;
    }
}
