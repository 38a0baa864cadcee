package be.petition.report;

import be.petition.geography.Regions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers of one weekly report, computed from the day history since launch. Language-neutral: the renderers
 * format them. Counts per area are exact here; {@link #isHidden(String)} says which the published report hides.
 *
 * <p>A preliminary report covers the unfinished week from its Monday to {@code lastDay} (today, whose counts are
 * still growing); a final report covers the whole week, {@code lastDay} is its Sunday.
 *
 * @param lastDay the last day counted: the week's Sunday, or today for a preliminary report
 * @param preliminary whether the week was not finished when the report was made
 * @param campaignStart the campaign's first day (the setting, else the first day with a signature); null when
 *                      neither is known
 * @param total the running total at the end of {@code lastDay} (Brussels)
 * @param previousWeekNew new signatures in the week before, for week-over-week (for a preliminary report: on the
 *                        same days of the week before, so that the comparison is like for like)
 * @param runningTotal the running total at the end of each day, from the first day with signatures (or the
 *                     week's Monday) to {@code lastDay}
 * @param weekByDay new signatures on each of the week's days up to {@code lastDay}
 * @param provinces the week's signatures per map area ({@link Regions#BELGIAN_AREAS}, in that order)
 * @param regions the week's signatures per {@link ReportRegions#REPORT_REGIONS} row, summing to {@code weekNew}
 * @param channels the week's signatures per channel (call, web, app)
 * @param stats what did not count since launch, by reason
 * @param weekRows the week's day × channel × region counts (CSV)
 * @param allRows every day × channel × region count since launch up to {@code lastDay} (CSV)
 * @param hidden the province and region codes shown as "< minCount" ({@link SmallCounts})
 * @param funnel the gateways' confirmation funnel when they were read ({@link #withFunnel}); else not configured
 */
public record WeeklyReport(ReportWeek week, LocalDate lastDay, boolean preliminary, String campaign,
        LocalDate campaignStart, Instant generatedAt, int minCount, long total,
        long weekNew, long previousWeekNew, List<DayTotal> runningTotal, List<DayTotal> weekByDay,
        Map<String, Long> provinces, Map<String, Long> regions, Map<String, Long> channels,
        List<Milestone> milestones, CallStats stats, List<DayCount> weekRows, List<DayCount> allRows,
        Set<String> hidden, ConfirmationFunnel funnel) {
    public static final List<String> CHANNELS = List.of("call", "web", "app");

    public record DayTotal(LocalDate day, long count) {
    }

    /** A milestone of the running total and the day it was reached. */
    public record Milestone(long threshold, LocalDate reached, boolean thisWeek) {
    }

    /**
     * Computes the final report of a finished week from every day count since launch (rows after the week are
     * ignored).
     *
     * @param campaignStart the configured start of the campaign, or null for the first day with a signature
     */
    public static WeeklyReport compute(ReportWeek week, String campaign, LocalDate campaignStart,
            Instant generatedAt, int minCount, List<Long> milestoneThresholds, List<DayCount> history,
            CallStats stats) {
        return compute(week, week.sunday(), false, campaign, campaignStart, generatedAt, minCount,
                milestoneThresholds, history, stats);
    }

    /** Computes the preliminary report of the unfinished week holding {@code today}, from its Monday to today. */
    public static WeeklyReport computeSoFar(LocalDate today, String campaign, LocalDate campaignStart,
            Instant generatedAt, int minCount, List<Long> milestoneThresholds, List<DayCount> history,
            CallStats stats) {
        return compute(ReportWeek.of(today), today, true, campaign, campaignStart, generatedAt, minCount,
                milestoneThresholds, history, stats);
    }

    private static WeeklyReport compute(ReportWeek week, LocalDate lastDay, boolean preliminary, String campaign,
            LocalDate campaignStart, Instant generatedAt, int minCount, List<Long> milestoneThresholds,
            List<DayCount> history, CallStats stats) {
        List<DayCount> allRows = history.stream().filter(r -> !r.day().isAfter(lastDay))
                .sorted(ROW_ORDER).toList();
        List<DayCount> weekRows = allRows.stream().filter(r -> week.contains(r.day())).toList();
        ReportWeek previous = week.previous();
        LocalDate previousLastDay = lastDay.minusWeeks(1);

        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        allRows.forEach(r -> perDay.merge(r.day(), r.count(), Long::sum));
        long weekNew = sum(weekRows);
        long previousWeekNew = sum(allRows.stream()
                .filter(r -> previous.contains(r.day()) && !r.day().isAfter(previousLastDay)).toList());
        LocalDate start = campaignStart != null ? campaignStart : perDay.entrySet().stream()
                .filter(e -> e.getValue() > 0).map(Map.Entry::getKey).findFirst().orElse(null);

        LocalDate first = perDay.isEmpty() ? week.monday() : min(perDay.firstKey(), week.monday());
        List<DayTotal> running = new ArrayList<>();
        List<Milestone> milestones = new ArrayList<>();
        List<Long> pending = new ArrayList<>(milestoneThresholds);
        Collections.sort(pending);
        long cumulative = 0;
        for (LocalDate day = first; !day.isAfter(lastDay); day = day.plusDays(1)) {
            cumulative += perDay.getOrDefault(day, 0L);
            running.add(new DayTotal(day, cumulative));
            while (!pending.isEmpty() && cumulative >= pending.get(0)) {
                milestones.add(new Milestone(pending.remove(0), day, week.contains(day)));
            }
        }

        List<DayTotal> weekByDay = new ArrayList<>();
        for (LocalDate day = week.monday(); !day.isAfter(lastDay); day = day.plusDays(1)) {
            weekByDay.add(new DayTotal(day, perDay.getOrDefault(day, 0L)));
        }
        Map<String, Long> provinces = zeroes(Regions.BELGIAN_AREAS);
        Map<String, Long> regions = zeroes(ReportRegions.REPORT_REGIONS);
        Map<String, Long> channels = zeroes(CHANNELS);
        for (DayCount row : weekRows) {
            provinces.computeIfPresent(row.region(), (k, v) -> v + row.count());
            regions.merge(ReportRegions.reportRegion(row.region()), row.count(), Long::sum);
            channels.merge(row.channel(), row.count(), Long::sum);
        }
        return new WeeklyReport(week, lastDay, preliminary, campaign, start, generatedAt, minCount, cumulative,
                weekNew, previousWeekNew, List.copyOf(running), List.copyOf(weekByDay),
                Collections.unmodifiableMap(provinces), Collections.unmodifiableMap(regions),
                Collections.unmodifiableMap(channels), List.copyOf(milestones), stats, weekRows, allRows,
                SmallCounts.hidden(provinces, regions, minCount), ConfirmationFunnel.NOT_CONFIGURED);
    }

    /** The same report with the gateways' confirmation funnel. */
    public WeeklyReport withFunnel(ConfirmationFunnel funnel) {
        return new WeeklyReport(week, lastDay, preliminary, campaign, campaignStart, generatedAt, minCount, total,
                weekNew, previousWeekNew, runningTotal, weekByDay, provinces, regions, channels, milestones, stats,
                weekRows, allRows, hidden, funnel);
    }

    /**
     * Days the campaign has run by the end of {@code lastDay}, its first day counting as day 1; 0 before it started
     * or when its start is not known.
     */
    public long daysRunning() {
        if (campaignStart == null || campaignStart.isAfter(lastDay)) {
            return 0;
        }
        return ChronoUnit.DAYS.between(campaignStart, lastDay) + 1;
    }

    /** No signature this week. */
    public boolean isEmptyWeek() {
        return weekNew == 0;
    }

    /** Week-over-week change in signatures. */
    public long change() {
        return weekNew - previousWeekNew;
    }

    /** Week-over-week change in percent, or null when the week before had none. */
    public Double changePercent() {
        return previousWeekNew == 0 ? null : 100.0 * change() / previousWeekNew;
    }

    /** Whether an area's weekly count is shown as "< minCount" (the small-count rule). */
    public boolean isHidden(String area) {
        return hidden.contains(area);
    }

    private static final Comparator<DayCount> ROW_ORDER = Comparator.comparing(DayCount::day)
            .thenComparing(r -> CHANNELS.indexOf(r.channel())).thenComparing(DayCount::channel)
            .thenComparing(DayCount::region);

    private static long sum(List<DayCount> rows) {
        return rows.stream().mapToLong(DayCount::count).sum();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static Map<String, Long> zeroes(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }
}
