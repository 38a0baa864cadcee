package be.petition.registry.server;

import be.petition.config.ConfigOptions;
import be.petition.lifecycle.UntilStopped;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petition registry}: the Confluent-compatible Schema Registry in the foreground. */
@Command(name = "registry", mixinStandardHelpOptions = true, subcommands = HashPasswordCommand.class,
        description = "Runs the Confluent-compatible Schema Registry (schemas kept in the _schemas topic) until Ctrl-C."
                + " Settings: registry.properties; kafka.<client setting> passes through (SASL/TLS).")
public final class RegistryCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--port", description = "HTTP port (registry.port, 0 = any free port).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        RegistryServer registry = RegistryServer.start(config.load(RegistryServer.DEFAULTS,
                port == null ? Map.of() : Map.of(RegistryServer.PORT, port.toString())));
        System.out.println("Schema Registry listening at " + registry.url() + " (" + registry.accessSummary()
                + "). Ctrl-C stops it.");
        UntilStopped.await(registry, "registry");
        return 0;
    }
}
