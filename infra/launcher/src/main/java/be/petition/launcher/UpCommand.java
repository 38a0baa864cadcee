package be.petition.launcher;

import be.petition.broker.BrokerCommand;
import be.petition.broker.EmbeddedBroker;
import be.petition.config.ConfigOptions;
import be.petition.config.ServiceConfig;
import be.petition.gateway.GatewayServer;
import be.petition.provisioning.ProvisioningReport;
import be.petition.provisioning.TopicProvisioner;
import be.petition.schemaregistry.RegistryServer;
import be.petition.simulator.Simulator;
import be.petition.stack.UntilStopped;
import be.petition.streams.StreamsService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petition up}: the whole pipeline in this one process, in dependency order: broker, registry, topics,
 * streams (query API and live page), gateway, simulator. Ctrl-C stops them in reverse order.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline locally: a Kafka broker, the Schema Registry, the topics, the Streams",
            "app with the live page, the gateway, and simulated traffic. Ctrl-C stops everything cleanly.",
            "--set applies to every service (e.g. --set gateway.port=18080)."})
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

    private final PrintStream out = System.out;
    private final Deque<Running> running = new ArrayDeque<>();

    private record Running(String name, AutoCloseable service) {
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dataDir);
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("broker.data.dir", dataDir.resolve("kafka").toString());
        shared.put("streams.state.dir", dataDir.resolve("streams").toString());
        var secrets = DevSecrets.resolve(dataDir, System.getenv());
        secrets.values().forEach(secret -> shared.put(secret.setting(), secret.value()));

        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "petition-up-stop"));
        try {
            EmbeddedBroker broker = step("Kafka broker", () -> BrokerCommand.start(load(BrokerCommand.DEFAULTS, shared)));
            shared.put("kafka.bootstrap.servers", broker.bootstrapServers());
            RegistryServer registry = step("Schema Registry", () -> RegistryServer.start(load(RegistryServer.DEFAULTS, shared)));
            shared.put("schema.registry.url", registry.url());
            ProvisioningReport topics = TopicProvisioner.fromConfig(load(TopicProvisioner.DEFAULTS, shared)).provision();
            out.printf("  ok  topics: %d created, %d already there%n", topics.created().size(), topics.existing().size());
            ServiceConfig streamsConfig = load(StreamsService.DEFAULTS_RESOURCE, shared);
            step("Streams app", () -> StreamsService.start(streamsConfig));
            GatewayServer gateway = step("Gateway", () -> GatewayServer.start(load(GatewayServer.DEFAULTS, shared)));
            if (!noSimulator) {
                Map<String, String> simulation = new LinkedHashMap<>(shared);
                simulation.put("simulate.gateway.url", gateway.url());
                simulation.put("simulate.rate", String.valueOf(rate));
                simulation.put("simulate.progress", "false");
                step("Simulator", () -> Simulator.start(load(Simulator.DEFAULTS, simulation)));
            }
            printAddresses(broker, registry, gateway, streamsConfig, secrets);
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
        UntilStopped.await(this::stopAll, "pipeline");
        return 0;
    }

    private ServiceConfig load(String defaults, Map<String, String> shared) {
        return config.load(defaults, shared);
    }

    private <T extends AutoCloseable> T step(String name, Supplier<T> start) {
        long began = System.nanoTime();
        out.printf("  ..  %s starting%n", name);
        T service = start.get();
        running.push(new Running(name, service));
        out.printf("  ok  %s (%.1f s)%n", name, (System.nanoTime() - began) / 1e9);
        return service;
    }

    private synchronized void stopAll() {
        while (!running.isEmpty()) {
            Running service = running.pop();
            try {
                service.service().close();
                out.printf("  stopped %s%n", service.name());
            } catch (Exception e) {
                System.err.printf("  stopping %s failed: %s%n", service.name(), e.getMessage());
            }
        }
    }

    private void printAddresses(EmbeddedBroker broker, RegistryServer registry, GatewayServer gateway,
                                ServiceConfig streamsConfig, Map<String, DevSecrets.Secret> secrets) {
        String query = "http://" + streamsConfig.string("streams.application.server");
        out.println();
        out.println("Petition Pipeline is running. Ctrl-C stops it.");
        out.println("  live counter    " + query + "/");
        out.println("  query API       " + query + "/api/v1/total   (counts, history, stats: see README)");
        out.println("  metrics         " + query + "/metrics   and   " + gateway.url() + "/metrics");
        out.println("  gateway         " + gateway.url() + "/v1/signatures/web");
        out.println("  registry        " + registry.url() + "/subjects");
        out.println("  kafka           " + broker.bootstrapServers());
        out.println("  data            " + dataDir.toAbsolutePath());
        secrets.values().forEach(secret -> out.printf("  %-15s %s%n", secret.setting(), secret.origin()));
        out.println(noSimulator ? "  simulator       off" : "  simulator       " + rate + " signatures/s into the gateway");
    }
}
