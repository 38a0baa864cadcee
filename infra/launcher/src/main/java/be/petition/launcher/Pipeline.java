package be.petition.launcher;

import be.petition.broker.BrokerCommand;
import be.petition.broker.EmbeddedBroker;
import be.petition.config.ServiceConfig;
import be.petition.gateway.GatewayServer;
import be.petition.provisioning.ProvisioningReport;
import be.petition.provisioning.TopicProvisioner;
import be.petition.registry.server.RegistryServer;
import be.petition.simulator.Simulator;
import be.petition.service.CountingService;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The whole pipeline in one process, started in dependency order: broker, registry, topics, streams (query API
 * and live page), the mail server (GreenMail), gateway, simulator. {@link #close()} stops them in reverse order.
 */
public final class Pipeline implements AutoCloseable {

    /** How to start it: where the state lives, the operator's settings, and whether to simulate traffic. */
    public record Options(Path dataDir, Path configFile, Map<String, String> env, Map<String, String> settings,
                          boolean simulator, double rate) {
    }

    private final Deque<Running> running = new ArrayDeque<>();
    private final PrintStream out;
    private final Options options;
    private final Map<String, String> shared = new LinkedHashMap<>();
    private Map<String, DevSecrets.Secret> secrets;
    private EmbeddedBroker broker;
    private RegistryServer registry;
    private ServiceConfig streamsConfig;
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

        broker = step("Kafka broker", () -> BrokerCommand.start(load(BrokerCommand.DEFAULTS, shared)));
        shared.put("kafka.bootstrap.servers", broker.bootstrapServers());
        registry = step("Schema Registry", () -> RegistryServer.start(load(RegistryServer.DEFAULTS, shared)));
        shared.put("schema.registry.url", registry.url());
        ProvisioningReport topics = TopicProvisioner.fromConfig(load(TopicProvisioner.DEFAULTS, shared)).provision();
        out.printf("  ok  topics: %d created, %d already there%n", topics.created().size(), topics.existing().size());
        streamsConfig = load(CountingService.DEFAULTS_RESOURCE, shared);
        step("Streams app", () -> CountingService.start(streamsConfig));
        mail = step("Mail server", () -> MailServer.start("127.0.0.1",
                port(MailServer.SMTP_PORT, MailServer.DEFAULT_SMTP_PORT),
                port(MailServer.IMAP_PORT, MailServer.DEFAULT_IMAP_PORT)));
        shared.put("mail.smtp.host", mail.host());
        shared.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        shared.put("mail.smtp.starttls", "false");
        // the simulator reads its signers' mails there and presses the links' buttons
        shared.put("simulate.mail.imap.host", mail.host());
        shared.put("simulate.mail.imap.port", Integer.toString(mail.imapPort()));
        gateway = step("Gateway", () -> GatewayServer.start(load(GatewayServer.DEFAULTS, shared)));
        if (options.simulator()) {
            Map<String, String> simulation = new LinkedHashMap<>(shared);
            simulation.put("simulate.gateway.url", gateway.url());
            simulation.put("simulate.rate", String.valueOf(options.rate()));
            simulation.put("simulate.progress", "false");
            step("Simulator", () -> Simulator.start(load(Simulator.DEFAULTS, simulation)));
        }
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

    public String queryUrl() {
        return "http://" + streamsConfig.string("streams.http.host") + ":" + streamsConfig.string("streams.http.port");
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
        out.println("  kafka           " + broker.bootstrapServers());
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
