package be.petition.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * {@code --every monday}: once the scheduled day and time of a week have come, writes the report of the week
 * before, once. A marker file per week in the output directory ({@code .done-2023-W47}) keeps a restart, or a second
 * scheduler on the same directory, from writing it again.
 */
public final class ReportSchedule {
    private final ReportGenerator generator;
    private final Path outDir;
    private final DayOfWeek day;
    private final LocalTime time;

    public ReportSchedule(ReportGenerator generator, Path outDir, DayOfWeek day, LocalTime time) {
        this.generator = generator;
        this.outDir = outDir;
        this.day = day;
        this.time = time;
    }

    /** When the report of this week is due: its following week's scheduled day and time, in Brussels. */
    public Instant dueAt(ReportWeek week) {
        return week.next().monday().with(TemporalAdjusters.nextOrSame(day)).atTime(time).atZone(ReportWeek.ZONE)
                .toInstant();
    }

    /** The week whose report is due at this instant and not written yet, if any. */
    public Optional<ReportWeek> dueWeek(Instant now) {
        ReportWeek week = ReportWeek.lastComplete(Clock.fixed(now, ReportWeek.ZONE));
        if (dueAt(week).isAfter(now)) {
            week = week.previous();
        }
        return Files.exists(marker(week)) || generator.isBeforeLaunch(week) ? Optional.empty() : Optional.of(week);
    }

    /** Writes the due report, if any, and marks its week done. */
    public Optional<ReportWeek> runDue(Instant now) {
        Optional<ReportWeek> due = dueWeek(now);
        if (due.isPresent()) {
            generator.generate(due.get(), outDir);
            try {
                Files.writeString(marker(due.get()), now + "\n");
            } catch (IOException e) {
                throw new ReportException("The report of " + due.get() + " is written, but its marker "
                        + marker(due.get()) + " is not (" + e.getMessage() + "): fix the directory's permissions,"
                        + " or it will be written again.", e);
            }
        }
        return due;
    }

    /** The next scheduled moment after this instant. */
    public Instant nextRun(Instant now) {
        ReportWeek week = ReportWeek.lastComplete(Clock.fixed(now, ReportWeek.ZONE));
        Instant due = dueAt(week);
        return due.isAfter(now) ? due : dueAt(week.next());
    }

    public Path marker(ReportWeek week) {
        return outDir.resolve(".done-" + week);
    }
}
