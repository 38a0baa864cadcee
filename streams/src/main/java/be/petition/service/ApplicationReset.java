package be.petition.service;

import be.petition.config.ServiceConfig;
import be.petition.topology.SignatureTopology;
import be.petition.topology.TopologySettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Makes the application count again from the raw topics (the day a counting rule changes): Kafka's own application
 * reset tool ({@code kafka-streams-application-reset}) moves the input offsets to the beginning and deletes the
 * internal changelog and repartition topics, then this instance's local state is deleted. Every instance must be
 * stopped first: the tool refuses while the application's group has members.
 */
public final class ApplicationReset {
    private final ServiceConfig config;
    private final TopologySettings settings;
    private final Properties streamsProperties;

    public ApplicationReset(ServiceConfig config) {
        this.config = config;
        this.settings = TopologySettings.from(config);
        this.streamsProperties = KafkaStreamsConfig.streamsProperties(config);
    }

    public String applicationId() {
        return streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /** The raw topics the recount reads from the beginning. */
    public List<String> inputTopics() {
        return List.of(settings.callsTopic(), settings.webTopic(), settings.appTopic(), settings.withdrawalsTopic());
    }

    /** Where this instance keeps the state of its tasks; the reset leaves no task directory in it. */
    public String stateDirectory() {
        return streamsProperties.getProperty(StreamsConfig.STATE_DIR_CONFIG) + "/" + applicationId();
    }

    /** @throws IllegalStateException when Kafka's tool fails (its reason is on standard error) */
    public void run() {
        Path clientConfig = clientConfigFile();
        try {
            List<String> args = new ArrayList<>(List.of(
                    "--bootstrap-server", String.valueOf(streamsProperties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)),
                    "--application-id", applicationId(),
                    "--input-topics", String.join(",", inputTopics()),
                    "--command-config", clientConfig.toString()));
            int status = new StreamsResetter().execute(args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("Kafka's application reset tool failed for " + applicationId()
                        + " (see its message above). If instances are still running, stop every one of them first.");
            }
        } finally {
            delete(clientConfig);
        }
        // the state directory is checked against the topology's tasks, so the real topology is built, never started
        try (KafkaStreams local = new KafkaStreams(SignatureTopology.buildTopology(settings, config.serde()),
                streamsProperties)) {
            local.cleanUp();
        }
    }

    /** The Kafka client settings ({@code kafka.*}: SASL, TLS, ...) for the tool, readable by this user only. */
    private Path clientConfigFile() {
        Properties client = new Properties();
        for (Map.Entry<String, Object> setting : config.kafka().entrySet()) {
            if (!setting.getKey().equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                client.setProperty(setting.getKey(), String.valueOf(setting.getValue()));
            }
        }
        try {
            Path file = Files.createTempFile("petition-reset", ".properties",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                client.store(out, "Kafka client settings for the application reset; deleted after use");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Kafka client settings for the reset tool", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file + ": it holds Kafka client settings", e);
        }
    }
}
