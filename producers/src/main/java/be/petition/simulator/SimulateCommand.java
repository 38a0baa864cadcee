package be.petition.simulator;

import be.petition.config.ConfigOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petition simulate}: campaign traffic against the gateway (or Kafka), with the ground truth as JSON. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Sends realistic campaign traffic (calls, web and app signatures, duplicates, withdrawals,"
                + " withheld numbers, malformed requests, TV bursts) to the gateway or straight to Kafka, and writes"
                + " what the pipeline should count. Settings: simulator.properties.")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--target", description = "http (the gateway, default) or kafka (straight to the topics, for load tests).")
    String target;

    @Option(names = "--gateway", paramLabel = "URL", description = "The gateway's base URL (simulate.gateway.url).")
    String gateway;

    @Option(names = "--rate", description = "Requests per second; 0 = as fast as the target takes them (simulate.rate).")
    Double rate;

    @Option(names = "--count", description = "Stop after this many requests; 0 = no limit (simulate.count).")
    Long count;

    @Option(names = "--duration", description = "Stop after this long, e.g. 30s, 10m (simulate.duration).")
    String duration;

    @Option(names = "--seed", description = "Seed of the random traffic (simulate.seed).")
    Long seed;

    @Option(names = "--max-in-flight", description = "Requests under way at once (simulate.max.in.flight, or"
            + " simulate.kafka.max.in.flight for --target kafka).")
    Integer maxInFlight;

    @Option(names = "--truth", paramLabel = "FILE", description = "Write the ground truth as JSON to FILE (simulate.truth).")
    Path truth;

    @Option(names = "--no-progress", description = "No progress line on stderr.")
    boolean noProgress;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "simulate.target", target);
        put(flags, "simulate.gateway.url", gateway);
        put(flags, "simulate.rate", rate);
        put(flags, "simulate.count", count);
        put(flags, "simulate.duration", duration);
        put(flags, "simulate.seed", seed);
        put(flags, "simulate.max.in.flight", maxInFlight);
        put(flags, "simulate.kafka.max.in.flight", maxInFlight);
        put(flags, "simulate.truth", truth);
        if (noProgress) {
            flags.put("simulate.progress", "false");
        }
        Simulator simulator = Simulator.create(config.load(Simulator.DEFAULTS, flags));
        Thread stopper = new Thread(simulator::close, "stop-simulator");
        Runtime.getRuntime().addShutdownHook(stopper);
        GroundTruth result = simulator.run();
        simulator.close();
        System.out.println("Simulation done: " + result.sentCount() + " requests; the pipeline should count "
                + result.total() + " signatures" + (truth == null ? "." : " (ground truth in " + truth + ")."));
        return 0;
    }

    private static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
