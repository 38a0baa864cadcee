package be.petition.report;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO week (Monday to Sunday) of the Europe/Brussels calendar, e.g. {@code 2023-W47}. Its bounds are local
 * midnights, so a week holding a daylight-saving change lasts 167 or 169 hours.
 */
public record ReportWeek(int year, int week) implements Comparable<ReportWeek> {
    public static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public ReportWeek {
        LocalDate probe = LocalDate.of(year, 6, 1);
        long weeks = probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException(
                    String.format("%d has no ISO week %d (it has %d weeks)", year, week, weeks));
        }
    }

    /** Parses {@code 2023-W47}. */
    public static ReportWeek parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO week: write it like 2023-W47");
        }
        return new ReportWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The week holding this Brussels date. */
    public static ReportWeek of(LocalDate day) {
        return new ReportWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The last week that has ended in Brussels at this clock's instant. */
    public static ReportWeek lastComplete(Clock clock) {
        return of(LocalDate.now(clock.withZone(ZONE))).previous();
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    /** Monday 00:00 in Brussels. */
    public Instant start() {
        return monday().atStartOfDay(ZONE).toInstant();
    }

    /** The next Monday 00:00 in Brussels (exclusive end). */
    public Instant end() {
        return monday().plusWeeks(1).atStartOfDay(ZONE).toInstant();
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(monday()) && !day.isAfter(sunday());
    }

    public ReportWeek previous() {
        return of(monday().minusWeeks(1));
    }

    public ReportWeek next() {
        return of(monday().plusWeeks(1));
    }

    /** Whether the week has fully ended at this instant. */
    public boolean isCompleteAt(Instant now) {
        return !end().isAfter(now);
    }

    @Override
    public int compareTo(ReportWeek other) {
        return monday().compareTo(other.monday());
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }

}
