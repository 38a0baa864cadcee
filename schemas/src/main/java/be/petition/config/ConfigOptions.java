package be.petition.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every service command shares: {@code --config FILE} and repeatable {@code --set key=value}. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with settings that replace the defaults (see the service's documented defaults file).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "One setting, highest precedence, e.g. --set kafka.bootstrap.servers=broker:9092. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The operator's file, or null. */
    public Path file() {
        return file;
    }

    /** The --set settings. */
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    /** Loads the service's defaults, then the file, the PETITION_* environment, then --set. */
    public ServiceConfig load(String defaultsResource) {
        return ServiceConfig.load(defaultsResource, file, System.getenv(), settings);
    }

    public ServiceConfig load(String defaultsResource, Map<String, String> extraOverrides) {
        Map<String, String> overrides = new LinkedHashMap<>(extraOverrides);
        overrides.putAll(settings);
        return ServiceConfig.load(defaultsResource, file, System.getenv(), overrides);
    }
}
