package be.petition.report;

import be.petition.config.ConfigOptions;
import be.petition.lifecycle.UntilStopped;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./petition report}: writes the weekly report (PDF, HTML, CSV per language) from a running Streams app's
 * query API, once, or every week with {@code --every monday}; {@code --week current} or {@code --to-date} writes a
 * preliminary report of the unfinished week.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the weekly report for policymakers (PDF and HTML per language, CSV for the data team)"
                + " from a running Streams app's query API.",
                "Defaults: report.properties (every setting documented there)."})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    /** {@code --week current}: the week so far, as {@code --to-date}. */
    static final String CURRENT_WEEK = "current";

    @Option(names = "--week", paramLabel = "YYYY-Www|current",
            description = "ISO week in Brussels time, e.g. 2023-W47 (default: the last complete week); current: the"
                    + " week so far, a preliminary report (as --to-date).")
    String week;

    @Option(names = "--to-date",
            description = "A preliminary report of the unfinished week, from its Monday up to now; marked"
                    + " preliminary on every page and in the file names.")
    boolean toDate;

    @Option(names = "--lang", paramLabel = "fr,nl",
            description = "Languages, comma-separated, among fr, nl, de, en (default: report.languages = fr,nl).")
    String languages;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: report.out.dir = reports).")
    Path out;

    @Option(names = "--api", paramLabel = "URL",
            description = "Query API of a running Streams app (default: report.api.url = http://127.0.0.1:8090).")
    String api;

    @Option(names = "--every", paramLabel = "DAY",
            description = "Keep running and write the past week's report every DAY (e.g. monday) at"
                    + " report.schedule.time, Brussels time, once per week.")
    String every;

    /** The clock "now" is read from; tests fix it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        try {
            boolean soFar = isWeekSoFar();
            if (every != null) {
                checkEvery(soFar);
            }
            ReportSettings settings = settings();
            if (every != null) {
                return schedule(settings);
            }
            ReportGenerator generator = new ReportGenerator(settings, clock);
            Path outDir = Path.of(settings.outDir());
            List<Path> files;
            String written;
            if (soFar) {
                files = generator.generateSoFar(outDir);
                written = "Preliminary report of the week so far";
            } else {
                ReportWeek target = week == null ? ReportWeek.lastComplete(clock) : parseWeek(week);
                files = generator.generate(target, outDir);
                written = "Report " + target;
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(written + " written to " + outDir.toAbsolutePath() + ":");
            files.forEach(f -> stdout.println("  " + f.getFileName()));
            stdout.flush();
            return 0;
        } catch (ReportException e) {
            spec.commandLine().getErr().println("petition report: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    private ReportSettings settings() {
        Map<String, String> flags = new HashMap<>();
        if (languages != null) {
            flags.put("report.languages", languages);
        }
        if (out != null) {
            flags.put("report.out.dir", out.toString());
        }
        if (api != null) {
            flags.put("report.api.url", api);
        }
        if (every != null) {
            flags.put("report.schedule.day", every);
        }
        try {
            return ReportSettings.from(config.load(ReportSettings.DEFAULTS_RESOURCE, flags));
        } catch (ReportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ReportException("Bad setting: " + e.getMessage() + " (see report.properties)", e);
        }
    }

    private static ReportWeek parseWeek(String text) {
        try {
            return ReportWeek.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ReportException("--week: " + e.getMessage());
        }
    }

    /** {@code --to-date} or {@code --week current}; a named week with {@code --to-date} is refused. */
    private boolean isWeekSoFar() {
        boolean current = week != null && week.trim().equalsIgnoreCase(CURRENT_WEEK);
        if (toDate && week != null && !current) {
            throw new ReportException("--to-date is the week so far: drop --week " + week + " (a finished week has"
                    + " its final report)");
        }
        return toDate || current;
    }

    private void checkEvery(boolean soFar) {
        if (soFar) {
            throw new ReportException("--every writes final reports of finished weeks: drop --to-date and"
                    + " --week current");
        }
        if (week != null) {
            throw new ReportException("--every writes the past week's report each week: drop --week");
        }
        try {
            DayOfWeek.valueOf(every.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ReportException("--every " + every + ": give a day of the week, e.g. --every monday");
        }
    }

    private int schedule(ReportSettings settings) {
        ReportService service = ReportService.start(settings, clock);
        UntilStopped.closeOnShutdown(service, "report");
        spec.commandLine().getOut().println("Writing the weekly report every "
                + settings.scheduleDay().toString().toLowerCase(Locale.ROOT) + " at " + settings.scheduleTime()
                + " (Brussels time) into " + Path.of(settings.outDir()).toAbsolutePath() + ". Press Ctrl-C to stop.");
        spec.commandLine().getOut().flush();
        try {
            service.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
