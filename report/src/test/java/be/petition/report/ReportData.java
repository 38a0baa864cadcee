package be.petition.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A fixed data set around 2023-W47 (Monday 20 – Sunday 26 November 2023), launch on Monday 13 November.
 * Week 46: 1 000 signatures; week 47: 1 500 (so +500, +50 %); one row in week 48 that a W47 report must ignore.
 * For the week so far on Wednesday 20 December 2023 (2023-W51): 42 from Monday to Wednesday, against 21 on the same
 * days of week 50 (whose Friday adds 100), and a row on Thursday that a report of Wednesday must ignore.
 */
final class ReportData {
    static final ReportWeek WEEK = ReportWeek.parse("2023-W47");
    static final LocalDate LAUNCH = LocalDate.of(2023, 11, 13);
    static final LocalDate WEDNESDAY_W51 = LocalDate.of(2023, 12, 20);
    static final long WITHHELD = 17;
    static final long DUPLICATES = 42;
    /** 42 duplicates, 17 withheld and 4 busy calls, 3 records with an unknown region and 1 unreadable. */
    static final CallStats STATS = new CallStats(Map.of("REDELIVERED", 1L, "REPEAT_SIGNER", DUPLICATES - 1),
            Map.of("WITHHELD", WITHHELD, "STATUS_BUSY", 4L), Map.of("unknown-region", 3L, "corrupt-record", 1L));

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
            row("2023-11-27", "web", "BE-VAN", 999),
            row("2023-12-12", "app", "BE-VLI", 21),
            row("2023-12-15", "web", "BE-VAN", 100),
            row("2023-12-18", "web", "BE-VAN", 30),
            row("2023-12-20", "call", "BE-WHT", 12),
            row("2023-12-21", "web", "BE-VAN", 7));

    private ReportData() {
    }

    static DayCount row(String day, String channel, String region, long count) {
        return new DayCount(LocalDate.parse(day), channel, region, count);
    }
}
