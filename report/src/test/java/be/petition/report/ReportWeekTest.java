package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportWeekTest {
    @Test
    void weekRunsFromMondayToSundayInBrusselsTime() {
        ReportWeek week = ReportWeek.parse("2023-W47");

        assertThat(week.monday()).isEqualTo(LocalDate.of(2023, 11, 20));
        assertThat(week.sunday()).isEqualTo(LocalDate.of(2023, 11, 26));
        assertThat(week.start()).isEqualTo(Instant.parse("2023-11-19T23:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2023-11-26T23:00:00Z"));
        assertThat(week).hasToString("2023-W47");
        assertThat(week.previous()).hasToString("2023-W46");
        assertThat(week.next()).hasToString("2023-W48");
    }

    @Test
    void weekOfTheAutumnClockChangeLasts169Hours() {
        ReportWeek week = ReportWeek.parse("2023-W43");

        assertThat(week.start()).isEqualTo(Instant.parse("2023-10-22T22:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2023-10-29T23:00:00Z"));
        assertThat(Duration.between(week.start(), week.end())).hasHours(169);
    }

    @Test
    void weekOfTheSpringClockChangeLasts167Hours() {
        ReportWeek week = ReportWeek.parse("2024-W13");

        assertThat(week.monday()).isEqualTo(LocalDate.of(2024, 3, 25));
        assertThat(Duration.between(week.start(), week.end())).hasHours(167);
    }

    @Test
    void lastCompleteWeekChangesAtMidnightBetweenSundayAndMondayInBrussels() {
        Clock sundayLate = Clock.fixed(Instant.parse("2023-11-26T22:59:59Z"), ZoneOffset.UTC);
        Clock mondayEarly = Clock.fixed(Instant.parse("2023-11-26T23:00:00Z"), ZoneOffset.UTC);

        assertThat(ReportWeek.lastComplete(sundayLate)).hasToString("2023-W46");
        assertThat(ReportWeek.lastComplete(mondayEarly)).hasToString("2023-W47");
        assertThat(ReportWeek.parse("2023-W47").isCompleteAt(mondayEarly.instant())).isTrue();
        assertThat(ReportWeek.parse("2023-W47").isCompleteAt(sundayLate.instant())).isFalse();
    }

    @Test
    void weeksAcrossNewYearFollowIsoWeekYears() {
        assertThat(ReportWeek.of(LocalDate.of(2021, 1, 3))).hasToString("2020-W53");
        assertThat(ReportWeek.parse("2020-W53").next()).hasToString("2021-W01");
        assertThat(ReportWeek.of(LocalDate.of(2024, 12, 30))).hasToString("2025-W01");
    }

    @Test
    void refusesWeeksThatDoNotExist() {
        assertThatThrownBy(() -> ReportWeek.parse("2023-W53")).hasMessageContaining("has no ISO week 53");
        assertThatThrownBy(() -> ReportWeek.parse("2023-W00")).hasMessageContaining("has no ISO week 0");
        assertThatThrownBy(() -> ReportWeek.parse("2023-47")).hasMessageContaining("write it like 2023-W47");
        assertThatThrownBy(() -> ReportWeek.parse("last week")).hasMessageContaining("write it like 2023-W47");
    }
}
