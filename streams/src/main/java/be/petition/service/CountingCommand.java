package be.petition.service;

import be.petition.config.ConfigOptions;
import be.petition.config.ServiceConfig;
import be.petition.lifecycle.UntilStopped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./petition streams}: runs the topology until Ctrl-C; with {@code --reset}, recounts from the raw topics first. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Runs the Kafka Streams topology that validates, deduplicates and counts signatures.",
                "Defaults: streams.properties (every setting documented there)."})
public final class CountingCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--reset", description = {"Recount from the raw topics: Kafka's application reset tool (input"
            + " offsets to the beginning, internal topics deleted) and this instance's local state deleted, then run.",
            "Stop every instance first. For the day a counting rule changes."})
    boolean reset;

    @Option(names = "--yes", description = "Do not ask before --reset.")
    boolean yes;

    @Override
    public Integer call() throws InterruptedException, IOException {
        ServiceConfig settings = config.load(CountingService.DEFAULTS_RESOURCE);
        if (reset && !reset(settings)) {
            return 1;
        }
        CountingService service = CountingService.start(settings);
        UntilStopped closed = UntilStopped.closeOnShutdown(service, "streams");
        System.out.println("Petition Streams is running (application.id " + service.applicationId()
                + ", application.server " + service.applicationServer() + ", campaigns "
                + String.join(",", service.settings().campaigns()) + "). Press Ctrl-C to stop.");
        service.awaitStopped();
        if (service.state() == KafkaStreams.State.ERROR) {
            System.err.println("Petition Streams stopped with an error: see the log above.");
            return 1;
        }
        closed.await();
        return 0;
    }

    private boolean reset(ServiceConfig settings) throws IOException {
        ApplicationReset reset = new ApplicationReset(settings);
        System.out.println("--reset deletes the counts of application " + reset.applicationId() + " (its internal"
                + " topics and " + reset.stateDirectory() + ") and counts again from the beginning of "
                + String.join(", ", reset.inputTopics()) + ". Every instance of it must be stopped.");
        if (!yes) {
            System.out.print("Type the application id to go on: ");
            System.out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.trim().equals(reset.applicationId())) {
                System.err.println("Not reset: the answer was not \"" + reset.applicationId() + "\" (use --yes in"
                        + " scripts).");
                return false;
            }
        }
        reset.run();
        System.out.println("Reset done; counting again from the raw topics.");
        return true;
    }
}
