package be.petition.provisioning;

import be.petition.config.ConfigOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petition topics}: creates the pipeline's topics that are missing, and reports the rest. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Creates every pipeline topic that is missing (idempotent: existing topics are reported, never"
                + " changed). Settings: topics.properties; kafka.<client setting> passes through (SASL/TLS).")
public final class TopicsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        ProvisioningReport report = TopicProvisioner.fromConfig(config.load(TopicProvisioner.DEFAULTS)).provision();
        System.out.println(report.describe());
        return 0;
    }
}
