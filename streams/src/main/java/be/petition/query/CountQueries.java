package be.petition.query;

import be.petition.geography.Regions;
import be.petition.topology.CountKeys;
import be.petition.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers typed queries ({@link QueryParameters} makes them from a request) from the count stores of every instance:
 * reads the key range or the one key, sums it per group and rolls regions up.
 */
public final class CountQueries {
    private final CountSource counts;

    public CountQueries(CountSource counts) {
        this.counts = counts;
    }

    public Total total(String campaign) {
        CountRead read = counts.read(StoreNames.COUNTS_BY_CHANNEL_REGION, campaign + "/", campaign + "0");
        return new Total(campaign, read.counts().values().stream().mapToLong(Long::longValue).sum(), read.stale());
    }

    public CountsAnswer counts(CountsQuery query) {
        String campaign = query.campaign();
        CountRead read = query.channel() == null
                ? counts.read(StoreNames.COUNTS_BY_CHANNEL_REGION, campaign + "/", campaign + "0")
                : counts.get(StoreNames.COUNTS_BY_CHANNEL_REGION,
                        CountKeys.channelRegion(campaign, query.channel(), query.region()));
        Map<List<String>, Long> groups = new TreeMap<>(CountQueries::compareLists);
        Map<String, Long> rollups = new LinkedHashMap<>();
        Regions.ROLL_UPS.forEach(rollup -> rollups.put(rollup, 0L));
        read.counts().forEach((key, count) -> {
            String[] parts = CountKeys.parts(key);
            groups.merge(group(query.by(), parts[1], parts[2]), count, Long::sum);
            String rollup = Regions.rollUp(parts[2]);
            if (rollup != null) {
                rollups.merge(rollup, count, Long::sum);
            }
        });
        List<CountRow> rows = new ArrayList<>();
        groups.forEach((group, count) -> rows.add(row(query.by(), group, count)));
        List<CountRow> rollupRows = new ArrayList<>();
        if (query.by().hasRegion()) {
            rollups.forEach((region, count) -> rollupRows.add(new CountRow(null, region, count)));
        }
        return new CountsAnswer(campaign, query.by(), rows, rollupRows, read.stale());
    }

    public History history(HistoryQuery query) {
        String campaign = query.campaign();
        Bucket bucket = query.bucket();
        Grouping by = query.by();
        CountRead read = counts.read(bucket.store(), campaign + "/" + bucket.key(query.from()),
                campaign + "/" + bucket.key(query.to()));
        Map<String, Map<List<String>, Long>> byBucket = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> entry : read.counts().entrySet()) {
            String[] parts = CountKeys.parts(entry.getKey());
            List<String> group = by == null ? List.of() : group(by, parts[2], parts[3]);
            byBucket.computeIfAbsent(parts[1], b -> new TreeMap<>(CountQueries::compareLists))
                    .merge(group, entry.getValue(), Long::sum);
            total += entry.getValue();
        }
        List<History.Row> rows = new ArrayList<>();
        for (Instant start = query.from(); start.isBefore(query.to()); start = bucket.next(start)) {
            String time = bucket.label(start);
            Map<List<String>, Long> groups = byBucket.getOrDefault(bucket.key(start), Map.of());
            if (by == null) {
                rows.add(new History.Row(time, null, null, groups.getOrDefault(List.<String>of(), 0L)));
                continue;
            }
            groups.forEach((group, count) -> {
                CountRow row = row(by, group, count);
                rows.add(new History.Row(time, row.channel(), row.region(), count));
            });
        }
        return new History(campaign, bucket, bucket.label(query.from()), bucket.label(query.to()), by, total, rows,
                read.stale());
    }

    public Stats stats(String campaign) {
        CountRead duplicates = counts.read(StoreNames.DUPLICATES, campaign + "/", campaign + "0");
        CountRead uncountable = counts.read(StoreNames.UNCOUNTABLE_CALLS, campaign + "/", campaign + "0");
        List<Stats.Duplicates> duplicateRows = new ArrayList<>();
        Map<String, Long> byKind = new TreeMap<>();
        duplicates.counts().forEach((key, count) -> {
            String[] parts = CountKeys.parts(key);
            duplicateRows.add(new Stats.Duplicates(parts[1], parts[2], count));
            byKind.merge(parts[2], count, Long::sum);
        });
        List<Stats.UncountableCalls> uncountableRows = new ArrayList<>();
        uncountable.counts().forEach((key, count) ->
                uncountableRows.add(new Stats.UncountableCalls(CountKeys.parts(key)[1], count)));
        CountRead rejected = counts.read(StoreNames.REJECTED_RECORDS, campaign + "/", campaign + "0");
        List<Stats.RejectedRecords> rejectedRows = new ArrayList<>();
        rejected.counts().forEach((key, count) ->
                rejectedRows.add(new Stats.RejectedRecords(CountKeys.parts(key)[1], count)));
        return new Stats(campaign, duplicateRows, byKind, uncountableRows, rejectedRows,
                duplicates.stale() || uncountable.stale() || rejected.stale());
    }

    private static List<String> group(Grouping grouping, String channel, String region) {
        return switch (grouping) {
            case CHANNEL -> List.of(channel);
            case REGION -> List.of(region);
            case CHANNEL_REGION -> List.of(channel, region);
        };
    }

    private static CountRow row(Grouping grouping, List<String> group, long count) {
        return switch (grouping) {
            case CHANNEL -> new CountRow(group.get(0), null, count);
            case REGION -> new CountRow(null, group.get(0), count);
            case CHANNEL_REGION -> new CountRow(group.get(0), group.get(1), count);
        };
    }

    /** Groups in the order of their keys: channel, then region. */
    private static int compareLists(List<String> a, List<String> b) {
        return String.join("/", a).compareTo(String.join("/", b));
    }
}
