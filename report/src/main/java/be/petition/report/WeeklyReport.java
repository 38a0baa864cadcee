package be.petition.report;

import be.petition.geography.Regions;
import java.time.Instant;
import java.time.LocalDate;
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
 * @param total the running total at the end of the week (Sunday 24:00, Brussels)
 * @param previousWeekNew new signatures in the week before, for week-over-week
 * @param runningTotal the running total at the end of each day, from the first day with signatures (or the
 *                     week's Monday) to the week's Sunday
 * @param weekByDay new signatures on each of the week's seven days
 * @param provinces the week's signatures per map area ({@link Regions#BELGIAN_AREAS}, in that order)
 * @param regions the week's signatures per {@link ReportRegions#REPORT_REGIONS} row, summing to {@code weekNew}
 * @param channels the week's signatures per channel (call, web, app)
 * @param weekRows the week's day × channel × region counts (CSV)
 * @param allRows every day × channel × region count since launch up to the week's end (CSV)
 * @param hidden the province and region codes shown as "< minCount" ({@link SmallCounts})
 */
public record WeeklyReport(ReportWeek week, String campaign, Instant generatedAt, int minCount, long total,
        long weekNew, long previousWeekNew, List<DayTotal> runningTotal, List<DayTotal> weekByDay,
        Map<String, Long> provinces, Map<String, Long> regions, Map<String, Long> channels,
        List<Milestone> milestones, CallStats stats, List<DayCount> weekRows, List<DayCount> allRows,
        Set<String> hidden) {
    public static final List<String> CHANNELS = List.of("call", "web", "app");

    public record DayTotal(LocalDate day, long count) {
    }

    /** A milestone of the running total and the day it was reached. */
    public record Milestone(long threshold, LocalDate reached, boolean thisWeek) {
    }

    /**
     * Computes the report of a week from every day count since launch (rows after the week are ignored).
     */
    public static WeeklyReport compute(ReportWeek week, String campaign, Instant generatedAt, int minCount,
            List<Long> milestoneThresholds, List<DayCount> history, CallStats stats) {
        List<DayCount> allRows = history.stream().filter(r -> !r.day().isAfter(week.sunday()))
                .sorted(ROW_ORDER).toList();
        List<DayCount> weekRows = allRows.stream().filter(r -> week.contains(r.day())).toList();
        ReportWeek previous = week.previous();

        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        allRows.forEach(r -> perDay.merge(r.day(), r.count(), Long::sum));
        long weekNew = sum(weekRows);
        long previousWeekNew = sum(allRows.stream().filter(r -> previous.contains(r.day())).toList());

        LocalDate first = perDay.isEmpty() ? week.monday() : min(perDay.firstKey(), week.monday());
        List<DayTotal> running = new ArrayList<>();
        List<Milestone> milestones = new ArrayList<>();
        List<Long> pending = new ArrayList<>(milestoneThresholds);
        Collections.sort(pending);
        long cumulative = 0;
        for (LocalDate day = first; !day.isAfter(week.sunday()); day = day.plusDays(1)) {
            cumulative += perDay.getOrDefault(day, 0L);
            running.add(new DayTotal(day, cumulative));
            while (!pending.isEmpty() && cumulative >= pending.get(0)) {
                milestones.add(new Milestone(pending.remove(0), day, week.contains(day)));
            }
        }

        List<DayTotal> weekByDay = new ArrayList<>();
        for (LocalDate day = week.monday(); !day.isAfter(week.sunday()); day = day.plusDays(1)) {
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
        return new WeeklyReport(week, campaign, generatedAt, minCount, cumulative, weekNew, previousWeekNew,
                List.copyOf(running), List.copyOf(weekByDay), Collections.unmodifiableMap(provinces),
                Collections.unmodifiableMap(regions), Collections.unmodifiableMap(channels), List.copyOf(milestones),
                stats, weekRows, allRows, SmallCounts.hidden(provinces, regions, minCount));
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
