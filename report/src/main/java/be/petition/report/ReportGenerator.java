package be.petition.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Makes one week's report: checks the week, reads the query API, computes the numbers, writes the files. */
public final class ReportGenerator {
    private final ReportSettings settings;
    private final Clock clock;
    private final ReportWriter writer = new ReportWriter();

    public ReportGenerator(ReportSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Refuses a week that has not ended yet or that ended before the campaign's launch. */
    public void check(ReportWeek week) {
        Instant now = clock.instant();
        if (!week.isCompleteAt(now)) {
            throw new ReportException("Week " + week + " has not ended yet (it ends on " + week.sunday()
                    + " at midnight, Brussels time): the last complete week is " + ReportWeek.lastComplete(clock)
                    + ". For the week so far, a preliminary report: --week current.");
        }
        if (isBeforeLaunch(week)) {
            throw new ReportException("Week " + week + " is before the campaign's launch on " + settings.launchDate()
                    + " (report.launch.date): there is nothing to report. Weeks from "
                    + ReportWeek.of(settings.launchDate()) + " on have a report.");
        }
    }

    public boolean isBeforeLaunch(ReportWeek week) {
        return week.sunday().isBefore(settings.launchDate());
    }

    public List<Path> generate(ReportWeek week, Path outDir) {
        check(week);
        QueryApiClient api = api();
        List<DayCount> history = api.dailyHistory(settings.campaign(), settings.launchDate(),
                week.sunday().plusDays(1));
        CallStats stats = api.stats(settings.campaign());
        WeeklyReport report = WeeklyReport.compute(week, settings.campaign(), settings.campaignStart(),
                clock.instant(), settings.minCount(), settings.milestones(), history, stats).withFunnel(funnel());
        return writer.write(report, settings.languages(), outDir);
    }

    /** The preliminary report of the week so far: from this week's Monday to now. */
    public List<Path> generateSoFar(Path outDir) {
        // one reading of the clock: the week, its last day and the time on the notice must agree
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ReportWeek.ZONE);
        if (today.isBefore(settings.launchDate())) {
            throw new ReportException("The campaign launches on " + settings.launchDate() + " (report.launch.date):"
                    + " there is nothing to report yet.");
        }
        QueryApiClient api = api();
        List<DayCount> history = api.dailyHistory(settings.campaign(), settings.launchDate(), today.plusDays(1));
        CallStats stats = api.stats(settings.campaign());
        WeeklyReport report = WeeklyReport.computeSoFar(today, settings.campaign(), settings.campaignStart(), now,
                settings.minCount(), settings.milestones(), history, stats).withFunnel(funnel());
        return writer.write(report, settings.languages(), outDir);
    }

    /** The gateways' confirmation funnel; a gateway that cannot be read is a note in the report, never a failure. */
    private ConfirmationFunnel funnel() {
        return new GatewayFunnelReader(settings.gatewayMetricsUrls(), settings.gatewayMetricsTimeout()).read();
    }

    private QueryApiClient api() {
        return new QueryApiClient(settings.apiUrl(), settings.apiTimeout());
    }
}
