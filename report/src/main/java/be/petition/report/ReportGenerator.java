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
                    + ".");
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
        QueryApiClient api = new QueryApiClient(settings.apiUrl(), settings.apiTimeout());
        LocalDate from = settings.launchDate();
        List<DayCount> history = api.dailyHistory(settings.campaign(), from, week.sunday().plusDays(1));
        CallStats stats = api.stats(settings.campaign());
        String campaign = settings.campaign();
        WeeklyReport report = WeeklyReport.compute(week, campaign, clock.instant(), settings.minCount(),
                settings.milestones(), history, stats);
        return writer.write(report, settings.languages(), outDir);
    }
}
