package be.petition.audit;

import be.petition.config.ConfigOptions;
import be.petition.lifecycle.UntilStopped;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./petition audit}: recounts the petition from the raw topics with separate, simple code and compares every
 * count with the live query API. Exit 0 when equal, 1 on any difference, 2 when it cannot run.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Recounts the petition from the raw signature topics (same rules, separate code) and compares"
                + " every channel x region and day x channel x region count with the live query API.",
                "Exit 0 when equal, 1 on any difference (a table of them on stdout), 2 when it cannot run.",
                "Defaults: audit.properties (every setting documented there)."})
public final class AuditCommand implements Callable<Integer> {
    public static final int EQUAL = 0;
    public static final int DIFFERENT = 1;
    public static final int CANNOT_RUN = 2;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Option(names = "--api", paramLabel = "URL",
            description = "Query API of a running Streams app (default: audit.api.url = http://127.0.0.1:8090).")
    String api;

    @Option(names = "--json", description = "Print the result as one line of JSON instead of a table.")
    boolean json;

    @Option(names = "--every", paramLabel = "DURATION",
            description = "Keep running: audit now and then every DURATION (e.g. 1h, 30m), and serve the result as"
                    + " Prometheus metrics (petition_audit_difference, ...) on audit.metrics.port.")
    String every;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "With --every: port of /metrics (default: audit.metrics.port = 9465).")
    Integer metricsPort;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar on stderr while reading (default: on; --no-progress hides it).")
    boolean progress;

    /** The clock "now" is read from; tests may fix it. */
    Clock clock = Clock.systemUTC();
    /** Where the progress bar goes; tests replace it. */
    PrintStream progressOut = System.err;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AuditSettings settings = settings();
            if (every != null) {
                return schedule(settings, interval());
            }
            AuditResult result = new Audit(settings, clock).run(progress ? new ProgressBar(progressOut)
                    : ProgressBar.SILENT);
            out.print(json ? AuditReport.json(result) + System.lineSeparator() : AuditReport.text(result));
            out.flush();
            return result.equal() ? EQUAL : DIFFERENT;
        } catch (AuditException e) {
            err.println("petition audit: " + e.getMessage());
            err.flush();
            return CANNOT_RUN;
        }
    }

    private AuditSettings settings() {
        Map<String, String> flags = new HashMap<>();
        if (api != null) {
            flags.put(AuditSettings.API_URL, api);
        }
        if (metricsPort != null) {
            flags.put(AuditSettings.METRICS_PORT, String.valueOf(metricsPort));
        }
        try {
            return AuditSettings.from(config.load(AuditSettings.DEFAULTS_RESOURCE, flags));
        } catch (AuditException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuditException("Bad setting: " + e.getMessage() + " (see audit.properties)", e);
        }
    }

    private Duration interval() {
        Duration interval;
        try {
            interval = be.petition.config.ServiceConfig.of(Map.of("every", every)).duration("every");
        } catch (IllegalArgumentException e) {
            throw new AuditException("--every " + every + ": give a duration such as 1h, 30m or PT1H");
        }
        if (interval.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new AuditException("--every " + every + ": audit at most every 10 s (each audit reads every topic"
                    + " from the beginning)");
        }
        return interval;
    }

    private int schedule(AuditSettings settings, Duration interval) {
        AuditService service = AuditService.start(settings, interval, clock);
        UntilStopped.closeOnShutdown(service, "audit");
        spec.commandLine().getOut().println("Auditing every " + every + "; metrics on http://"
                + settings.metricsHost() + ":" + service.metricsPort() + "/metrics. Press Ctrl-C to stop.");
        spec.commandLine().getOut().flush();
        try {
            service.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EQUAL;
    }
}
