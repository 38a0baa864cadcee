package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import be.petition.geography.Regions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyReportTest {
    private static final Instant NOW = Instant.parse("2023-12-20T10:00:00Z");
    private static final CallStats STATS = ReportData.STATS;

    private static WeeklyReport report(ReportWeek week, List<DayCount> rows) {
        return WeeklyReport.compute(week, "glenn-2023", null, NOW, 10, List.of(1000L, 2000L, 5000L), rows, STATS);
    }

    @Test
    void totalsAndWeekOverWeekComeFromTheDayCounts() {
        WeeklyReport report = report(ReportData.WEEK, ReportData.ROWS);

        assertThat(report.total()).isEqualTo(2500);
        assertThat(report.weekNew()).isEqualTo(1500);
        assertThat(report.previousWeekNew()).isEqualTo(1000);
        assertThat(report.change()).isEqualTo(500);
        assertThat(report.changePercent()).isEqualTo(50.0);
        assertThat(report.isEmptyWeek()).isFalse();
        assertThat(report.weekRows()).hasSize(7).allMatch(r -> ReportData.WEEK.contains(r.day()));
        assertThat(report.allRows()).hasSize(10).noneMatch(r -> r.day().isAfter(ReportData.WEEK.sunday()));
    }

    @Test
    void runningTotalGoesDayByDayFromTheFirstSignatureToSunday() {
        WeeklyReport report = report(ReportData.WEEK, ReportData.ROWS);

        assertThat(report.runningTotal()).hasSize(14);
        assertThat(report.runningTotal().get(0)).isEqualTo(new WeeklyReport.DayTotal(LocalDate.of(2023, 11, 13), 800));
        assertThat(report.runningTotal().get(1).count()).isEqualTo(800);
        assertThat(report.runningTotal().get(13))
                .isEqualTo(new WeeklyReport.DayTotal(LocalDate.of(2023, 11, 26), 2500));
        assertThat(report.weekByDay()).extracting(WeeklyReport.DayTotal::count)
                .containsExactly(600L, 400L, 5L, 100L, 40L, 3L, 352L);
    }

    @Test
    void areasRollUpIntoRegionsAndChannels() {
        WeeklyReport report = report(ReportData.WEEK, ReportData.ROWS);

        assertThat(report.provinces()).containsKeys(Regions.BELGIAN_AREAS.toArray(String[]::new))
                .contains(entry("BE-VAN", 600L), entry("BE-VBR", 400L), entry("BE-WLX", 5L), entry("BE-BRU", 352L),
                        entry("BE-WLG", 0L));
        assertThat(report.regions()).containsExactly(entry("BE-VLG", 1000L), entry("BE-WAL", 5L),
                entry("BE-BRU", 352L), entry("BE", 100L), entry("ABROAD", 40L), entry("ZZ", 3L));
        assertThat(report.regions().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(report.weekNew());
        assertThat(report.channels()).containsExactly(entry("call", 603L), entry("web", 797L), entry("app", 100L));
    }

    @Test
    void smallCountsAreHiddenAndSoAreCountsThatWouldGiveThemAway() {
        WeeklyReport report = report(ReportData.WEEK, ReportData.ROWS);
        Texts texts = Texts.of("nl");

        assertThat(texts.areaCount(report, "BE-WLX", 5)).isEqualTo("< 10");
        assertThat(texts.areaCount(report, "BE-VLI", 0)).isEqualTo("< 10");
        assertThat(texts.areaCount(report, "BE-BRU", 352)).isEqualTo("352");
        // Wallonia (5) and unknown origin (3) add up to 8: abroad (40) is hidden too, or the total would tell.
        assertThat(report.hidden()).contains("BE-WAL", "ZZ", "ABROAD").doesNotContain("BE-VLG", "BE-BRU", "BE");
        assertThat(texts.areaCount(report, "ABROAD", 40)).isEqualTo(Texts.SECONDARY_MARK);
        WeeklyReport stricter = WeeklyReport.compute(ReportData.WEEK, "c", null, NOW, 500, List.of(),
                ReportData.ROWS, STATS);
        assertThat(texts.areaCount(stricter, "BE-VBR", 400)).isEqualTo("< 500");
        // Flanders' total (1 000) minus Antwerp would give Flemish Brabant away.
        assertThat(texts.areaCount(stricter, "BE-VAN", 600)).isEqualTo(Texts.SECONDARY_MARK);
    }

    @Test
    void milestonesAreDatedOnTheDayTheRunningTotalReachedThem() {
        WeeklyReport report = report(ReportData.WEEK, ReportData.ROWS);

        assertThat(report.milestones()).containsExactly(
                new WeeklyReport.Milestone(1000, LocalDate.of(2023, 11, 15), false),
                new WeeklyReport.Milestone(2000, LocalDate.of(2023, 11, 21), true));
    }

    @Test
    void weekWithoutSignaturesIsEmptyAndKeepsTheTotal() {
        WeeklyReport report = report(ReportWeek.parse("2023-W49"), ReportData.ROWS);

        assertThat(report.isEmptyWeek()).isTrue();
        assertThat(report.total()).isEqualTo(3499);
        assertThat(report.previousWeekNew()).isEqualTo(999);
        assertThat(report.changePercent()).isEqualTo(-100.0);
        assertThat(report.provinces().values()).containsOnly(0L);
    }

    @Test
    void firstWeekHasNoWeekOverWeekPercentage() {
        WeeklyReport report = report(ReportWeek.parse("2023-W46"), ReportData.ROWS);

        assertThat(report.weekNew()).isEqualTo(1000);
        assertThat(report.changePercent()).isNull();
    }

    @Test
    void theWeekSoFarRunsFromMondayToTodayAndComparesWithTheSameDaysOfTheWeekBefore() {
        WeeklyReport report = WeeklyReport.computeSoFar(ReportData.WEDNESDAY_W51, "glenn-2023", null, NOW, 10,
                List.of(), ReportData.ROWS, STATS);

        assertThat(report.preliminary()).isTrue();
        assertThat(report.week()).isEqualTo(ReportWeek.parse("2023-W51"));
        assertThat(report.lastDay()).isEqualTo(ReportData.WEDNESDAY_W51);
        assertThat(report.weekByDay()).extracting(WeeklyReport.DayTotal::count).containsExactly(30L, 0L, 12L);
        assertThat(report.weekNew()).isEqualTo(42);
        assertThat(report.previousWeekNew()).as("Monday to Wednesday of week 50, not its Friday").isEqualTo(21);
        assertThat(report.total()).isEqualTo(3499 + 21 + 100 + 42);
        assertThat(report.runningTotal().get(report.runningTotal().size() - 1).day())
                .isEqualTo(ReportData.WEDNESDAY_W51);
        assertThat(report.allRows()).noneMatch(r -> r.day().isAfter(ReportData.WEDNESDAY_W51));
    }

    @Test
    void aFinishedWeeksReportIsFinalAndEndsOnSunday() {
        WeeklyReport report = report(ReportData.WEEK, ReportData.ROWS);

        assertThat(report.preliminary()).isFalse();
        assertThat(report.lastDay()).isEqualTo(ReportData.WEEK.sunday());
        assertThat(report.weekByDay()).hasSize(7);
    }

    @Test
    void theCampaignStartsOnItsSettingOrElseOnTheFirstDayWithASignature() {
        WeeklyReport firstSignature = report(ReportData.WEEK, ReportData.ROWS);
        assertThat(firstSignature.campaignStart()).isEqualTo(ReportData.LAUNCH);
        assertThat(firstSignature.daysRunning()).as("13 to 26 November").isEqualTo(14);

        WeeklyReport configured = WeeklyReport.compute(ReportData.WEEK, "glenn-2023", LocalDate.of(2023, 11, 10),
                NOW, 10, List.of(), ReportData.ROWS, STATS);
        assertThat(configured.campaignStart()).isEqualTo(LocalDate.of(2023, 11, 10));
        assertThat(configured.daysRunning()).isEqualTo(17);

        WeeklyReport nothingYet = report(ReportData.WEEK, List.of(ReportData.row("2023-11-20", "web", "BE-VAN", 0)));
        assertThat(nothingYet.campaignStart()).isNull();
        assertThat(nothingYet.daysRunning()).isZero();
    }
}
