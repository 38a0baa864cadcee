package be.petition.service;

import be.petition.config.ConfigOptions;
import be.petition.config.ServiceConfig;
import be.petition.lifecycle.UntilStopped;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./petition streams}: runs the topology until Ctrl-C. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Runs the Kafka Streams topology that validates, deduplicates and counts signatures.",
                "Defaults: streams.properties (every setting documented there)."})
public final class CountingCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig settings = config.load(CountingService.DEFAULTS_RESOURCE);
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
}
