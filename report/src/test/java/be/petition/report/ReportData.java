package be.petition.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A fixed data set around 2023-W47 (Monday 20 – Sunday 26 November 2023), launch on Monday 13 November.
 * Week 46: 1 000 signatures; week 47: 1 500 (so +500, +50 %); one row in week 48 that a W47 report must ignore.
 */
final class ReportData {
    static final ReportWeek WEEK = ReportWeek.parse("2023-W47");
    static final LocalDate LAUNCH = LocalDate.of(2023, 11, 13);
    static final long WITHHELD = 17;
    static final long DUPLICATES = 42;

    static final List<DayCount> ROWS = List.of(
            row("2023-11-13", "call", "BE-VAN", 500),
            row("2023-11-13", "web", "BE-BRU", 300),
            row("2023-11-15", "app", "BE-WLG", 200),
            row("2023-11-20", "call", "BE-VAN", 600),
            row("2023-11-21", "web", "BE-VBR", 400),
            row("2023-11-22", "web", "BE-WLX", 5),
            row("2023-11-23", "app", "BE", 100),
            row("2023-11-24", "web", "NL", 40),
            row("2023-11-25", "call", "ZZ", 3),
            row("2023-11-26", "web", "BE-BRU", 352),
            row("2023-11-27", "web", "BE-VAN", 999));

    private ReportData() {
    }

    static DayCount row(String day, String channel, String region, long count) {
        return new DayCount(LocalDate.parse(day), channel, region, count);
    }
}
