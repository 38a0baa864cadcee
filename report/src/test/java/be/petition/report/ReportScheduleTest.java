package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportScheduleTest {
    /** Monday 27 November 2023, 06:00 in Brussels. */
    private static final Instant MONDAY_SIX = Instant.parse("2023-11-27T05:00:00Z");

    @TempDir
    Path out;
    private FakeQueryApi api;

    @BeforeEach
    void startApi() throws IOException {
        api = new FakeQueryApi(ReportData.ROWS, ReportData.STATS);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private ReportSettings settings() {
        return new ReportSettings(api.url(), Duration.ofSeconds(5), null, ReportData.LAUNCH, null, List.of("fr"),
                out.toString(), 10, List.of(1000L), DayOfWeek.MONDAY, LocalTime.of(6, 0), Duration.ofMinutes(15), List.of(),
                Duration.ofSeconds(1));
    }

    private ReportSchedule schedule(Instant now) {
        return new ReportSchedule(new ReportGenerator(settings(), Clock.fixed(now, ZoneOffset.UTC)), out,
                DayOfWeek.MONDAY, LocalTime.of(6, 0));
    }

    @Test
    void serviceWritesTheDueReportOnceStartedAndStopsWhenClosed() {
        Clock mondayMorning = Clock.fixed(MONDAY_SIX.plusSeconds(600), ZoneOffset.UTC);

        try (ReportService service = ReportService.start(settings(), mondayMorning)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(out.resolve(".done-2023-W47")));
            assertThat(service.settings().scheduleDay()).isEqualTo(DayOfWeek.MONDAY);
        }
        assertThat(out.resolve("petition-report-2023-W47-fr.html")).exists();
    }

    @Test
    void writesThePastWeekAtTheScheduledTimeAndNeverTwice() {
        Instant justAfter = MONDAY_SIX.plusSeconds(60);

        assertThat(schedule(justAfter).runDue(justAfter)).contains(ReportData.WEEK);
        assertThat(out.resolve("petition-report-2023-W47-fr.pdf")).exists();
        assertThat(out.resolve(".done-2023-W47")).exists();
        int requests = api.historyRequests.get();

        Instant later = justAfter.plus(Duration.ofHours(5));
        assertThat(schedule(later).runDue(later)).isEmpty();
        assertThat(api.historyRequests.get()).isEqualTo(requests);
    }

    @Test
    void beforeTheScheduledTimeTheWeekIsNotDueYet() throws IOException {
        Files.writeString(out.resolve(".done-2023-W46"), "done");
        Instant justBefore = MONDAY_SIX.minusSeconds(60);
        ReportSchedule schedule = schedule(justBefore);

        assertThat(schedule.dueWeek(justBefore)).isEmpty();
        assertThat(schedule.nextRun(justBefore)).isEqualTo(MONDAY_SIX);
        assertThat(schedule.nextRun(MONDAY_SIX)).isEqualTo(MONDAY_SIX.plus(Duration.ofDays(7)));
    }

    @Test
    void aMissedRunIsCaughtUpLaterInTheWeek() {
        Instant wednesday = MONDAY_SIX.plus(Duration.ofDays(2));

        assertThat(schedule(wednesday).runDue(wednesday)).contains(ReportData.WEEK);
    }

    @Test
    void scheduleFollowsBrusselsTimeAcrossTheClockChange() {
        ReportSchedule schedule = schedule(MONDAY_SIX);

        assertThat(schedule.dueAt(ReportWeek.parse("2023-W43"))).isEqualTo(Instant.parse("2023-10-30T05:00:00Z"));
        assertThat(schedule.dueAt(ReportWeek.parse("2024-W13"))).isEqualTo(Instant.parse("2024-04-01T04:00:00Z"));
    }

    @Test
    void weeksBeforeLaunchAreNeverDue() {
        Instant mondayOfLaunch = Instant.parse("2023-11-13T06:00:00Z");

        assertThat(schedule(mondayOfLaunch).dueWeek(mondayOfLaunch)).isEmpty();
    }
}
