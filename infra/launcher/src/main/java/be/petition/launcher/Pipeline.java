package be.petition.launcher;

import be.petition.broker.BrokerCommand;
import be.petition.config.ServiceConfig;
import be.petition.gateway.GatewayServer;
import be.petition.provisioning.ProvisioningReport;
import be.petition.provisioning.TopicProvisioner;
import be.petition.registry.server.RegistryServer;
import be.petition.simulator.Simulator;
import be.petition.service.CountingService;
import be.petition.service.KafkaStreamsConfig;
import be.petition.service.QueryServerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The whole pipeline in one process, started in dependency order: broker (or a cluster of them), registry, topics,
 * streams instances (query API and live page), the mail server (GreenMail), gateway, simulator. {@link #close()}
 * stops them in reverse order.
 */
public final class Pipeline implements AutoCloseable {

    /**
     * How to start it: where the state lives, the operator's settings, whether to simulate traffic, and how many
     * Kafka nodes and Streams instances to run.
     */
    public record Options(Path dataDir, Path configFile, Map<String, String> env, Map<String, String> settings,
                          boolean simulator, double rate, int brokers, int instances) {
        public Options {
            if (brokers < 1 || instances < 1) {
                throw new IllegalArgumentException("--brokers and --instances must be at least 1");
            }
        }

        /** One broker and one Streams instance. */
        public Options(Path dataDir, Path configFile, Map<String, String> env, Map<String, String> settings,
                       boolean simulator, double rate) {
            this(dataDir, configFile, env, settings, simulator, rate, 1, 1);
        }
    }

    private final Deque<Running> running = new ArrayDeque<>();
    private final PrintStream out;
    private final Options options;
    private final Map<String, String> shared = new LinkedHashMap<>();
    private Map<String, DevSecrets.Secret> secrets;
    private String kafka;
    private RegistryServer registry;
    private final List<CountingService> instances = new ArrayList<>();
    private GatewayServer gateway;
    private MailServer mail;

    private record Running(String name, AutoCloseable service) {
    }

    private Pipeline(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static Pipeline start(Options options, PrintStream out) {
        Pipeline pipeline = new Pipeline(options, out);
        try {
            pipeline.startAll();
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void startAll() {
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + options.dataDir() + ": "
                    + e.getMessage(), e);
        }
        shared.put("broker.data.dir", options.dataDir().resolve("kafka").toString());
        shared.put("streams.state.dir", options.dataDir().resolve("streams").toString());
        secrets = DevSecrets.resolve(options.dataDir(), options.env());
        secrets.values().forEach(secret -> shared.put(secret.setting(), secret.value()));

        if (options.brokers() == 1) {
            kafka = step("Kafka broker", () -> BrokerCommand.start(load(BrokerCommand.DEFAULTS, shared))).bootstrapServers();
        } else {
            startCluster();
        }
        shared.put("kafka.bootstrap.servers", kafka);
        registry = step("Schema Registry", () -> RegistryServer.start(load(RegistryServer.DEFAULTS, shared)));
        shared.put("schema.registry.url", registry.url());
        ProvisioningReport topics = TopicProvisioner.fromConfig(load(TopicProvisioner.DEFAULTS, shared)).provision();
        out.printf("  ok  topics: %d created, %d already there%n", topics.created().size(), topics.existing().size());
        startStreams();
        mail = step("Mail server", () -> MailServer.start("127.0.0.1",
                port(MailServer.SMTP_PORT, MailServer.DEFAULT_SMTP_PORT),
                port(MailServer.IMAP_PORT, MailServer.DEFAULT_IMAP_PORT)));
        shared.put("mail.smtp.host", mail.host());
        shared.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        shared.put("mail.smtp.starttls", "false");
        // the simulator reads its signers' mails there and presses the links' buttons
        shared.put("simulate.mail.imap.host", mail.host());
        shared.put("simulate.mail.imap.port", Integer.toString(mail.imapPort()));
        gateway = step("Gateway", () -> GatewayServer.start(load(GatewayServer.DEFAULTS, gatewaySettings(options, shared))));
        if (options.simulator()) {
            Map<String, String> simulation = new LinkedHashMap<>(shared);
            simulation.put("simulate.gateway.url", gateway.url());
            simulation.put("simulate.rate", String.valueOf(options.rate()));
            simulation.put("simulate.progress", "false");
            step("Simulator", () -> Simulator.start(load(Simulator.DEFAULTS, simulation)));
        }
    }

    /**
     * A cluster of its own next to the single broker's data (the two cannot share it): every node a voter, every topic
     * and Streams' internal ones with 3 replicas (fewer on 2 nodes) and min.insync.replicas=2.
     */
    private void startCluster() {
        Path clusterDir = options.dataDir().resolve("kafka-cluster-" + options.brokers());
        shared.put("broker.data.dir", clusterDir.toString());
        shared.put("streams.state.dir", clusterDir.resolve("streams").toString());
        String replicas = String.valueOf(Math.min(3, options.brokers()));
        shared.put("topics.replication.factor", replicas);
        shared.put(KafkaStreamsConfig.REPLICATION_FACTOR, replicas);
        kafka = step("Kafka cluster (" + options.brokers() + " nodes)",
                () -> BrokerCommand.startCluster(load(BrokerCommand.DEFAULTS, shared), options.brokers()))
                .bootstrapServers();
    }

    /**
     * One instance as always; more share the application id (and so the partitions), each with a warm standby copy
     * of another's stores, its own state directory ({@code streams.state.dir}, then {@code -2}, {@code -3}, ...) and
     * query port ({@code streams.http.port}, then the next ones).
     */
    private void startStreams() {
        if (options.instances() == 1) {
            ServiceConfig config = load(CountingService.DEFAULTS_RESOURCE, shared);
            instances.add(step("Streams app", () -> CountingService.start(config)));
            return;
        }
        Map<String, String> scaled = new LinkedHashMap<>(shared);
        scaled.put(KafkaStreamsConfig.STANDBY_REPLICAS, "1");
        ServiceConfig base = load(CountingService.DEFAULTS_RESOURCE, scaled);
        String stateDir = base.string(KafkaStreamsConfig.STATE_DIR);
        int port = base.integer(QueryServerSettings.PORT);
        for (int i = 1; i <= options.instances(); i++) {
            ServiceConfig config = base.with(Map.of(
                    KafkaStreamsConfig.STATE_DIR, i == 1 ? stateDir : stateDir + "-" + i,
                    QueryServerSettings.PORT, String.valueOf(port == 0 ? 0 : port + i - 1)));
            instances.add(step("Streams app " + i + "/" + options.instances(), () -> CountingService.start(config)));
        }
    }

    /**
     * The gateway as `up` runs it: per-IP limits off (one machine; the simulator sends everything from 127.0.0.1),
     * unless the operator's file, environment or --set turns them on.
     */
    static Map<String, String> gatewaySettings(Options options, Map<String, String> shared) {
        Map<String, String> settings = new LinkedHashMap<>(shared);
        String limits = GatewayServer.LIMITS_ENABLED;
        boolean operatorSets = options.settings().containsKey(limits)
                || options.env().containsKey(ServiceConfig.envName(limits))
                || options.configFile() != null && operatorFile(options.configFile()).containsKey(limits);
        if (!operatorSets) {
            settings.put(limits, "false");
        }
        return settings;
    }

    private static Properties operatorFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private int port(String setting, int otherwise) {
        String value = options.settings().get(setting);
        try {
            return value == null ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting \"" + setting + "\" must be a port number (0: any free one),"
                    + " not \"" + value + "\"");
        }
    }

    /** A service's settings as `up` gives them: its defaults, the operator's file and environment, the addresses. */
    public ServiceConfig load(String defaults, Map<String, String> extra) {
        Map<String, String> overrides = new LinkedHashMap<>(extra);
        overrides.putAll(options.settings());
        return ServiceConfig.load(defaults, options.configFile(), options.env(), overrides);
    }

    /** The settings every service shares: addresses, data directories and secrets. */
    public Map<String, String> sharedSettings() {
        return Map.copyOf(shared);
    }

    private <T extends AutoCloseable> T step(String name, Supplier<T> start) {
        long began = System.nanoTime();
        out.printf("  ..  %s starting%n", name);
        T service = start.get();
        running.push(new Running(name, service));
        out.printf("  ok  %s (%.1f s)%n", name, (System.nanoTime() - began) / 1e9);
        return service;
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    /** The first Streams instance's query API; every instance answers for the whole petition. */
    public String queryUrl() {
        return instances.get(0).httpUrl();
    }

    /**
     * The settings {@code ./petition report} needs to report on this pipeline: its query API and its gateway's
     * metrics, for the confirmation funnel. {@code up} does not run the report; it prints them as flags.
     */
    public Map<String, String> reportSettings() {
        Map<String, String> report = new LinkedHashMap<>();
        report.put("report.api.url", queryUrl());
        report.put("report.gateway.metrics.urls", gateway.url() + "/metrics");
        return report;
    }

    public void printAddresses() {
        out.println();
        out.println("Petition Pipeline is running. Ctrl-C stops it.");
        out.println("  live counter    " + queryUrl() + "/");
        out.println("  query API       " + queryUrl() + "/api/v1/total   (counts, history, stats: see README)");
        out.println("  metrics         " + queryUrl() + "/metrics   and   " + gateway.url() + "/metrics");
        instances.stream().skip(1).forEach(instance ->
                out.println("  also served by  " + instance.httpUrl() + "/   (another Streams instance, same answers)"));
        out.println("  gateway         " + gateway.url() + "/v1/signatures/web");
        out.println("  mail (SMTP)     " + mail.host() + ":" + mail.smtpPort() + "   confirmation mails are caught here;"
                + " read them over IMAP");
        out.println("  mail (IMAP)     " + mail.host() + ":" + mail.imapPort() + "   user = the address, any password, e.g.");
        out.println("                  curl -s 'imap://" + mail.host() + ":" + mail.imapPort()
                + "/INBOX;UID=1' -u someone@example.org:x");
        Map<String, String> report = reportSettings();
        out.println("  weekly report   ./petition report --api " + report.get("report.api.url") + " --set"
                + " report.gateway.metrics.urls=" + report.get("report.gateway.metrics.urls"));
        out.println("  registry        " + registry.url() + "/subjects   (" + registry.accessSummary() + ")");
        out.println("  kafka           " + kafka + (options.brokers() == 1 ? ""
                : "   (" + options.brokers() + " nodes, every one a controller; topics: "
                + Math.min(3, options.brokers()) + " replicas, min.insync.replicas " + (options.brokers() >= 3 ? 2 : 1)
                + ")"));
        out.println("  data            " + options.dataDir().toAbsolutePath());
        secrets.values().forEach(secret -> out.printf("  %-15s %s%n", secret.setting(), secret.origin()));
        out.println(options.simulator()
                ? "  simulator       " + options.rate() + " signatures/s into the gateway" : "  simulator       off");
    }

    @Override
    public synchronized void close() {
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
}
