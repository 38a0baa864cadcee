package be.petition.query;

import be.petition.avro.Channel;
import be.petition.geography.Regions;
import be.petition.topology.CountKeys;
import be.petition.topology.StoreNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The answers of the query API, computed from the count stores over every instance ({@link CountReader}). Parameters
 * arrive as strings and are checked here, so a bad one is a {@link BadRequest} naming the field.
 */
public final class CountQueries {
    private final CountSource reader;
    private final Set<String> campaigns;
    private final String defaultCampaign;
    private final int maxHours;
    private final int maxDays;
    private final Clock clock;

    public CountQueries(CountSource reader, Set<String> campaigns, String defaultCampaign, int maxHours, int maxDays,
                        Clock clock) {
        this.reader = reader;
        this.campaigns = campaigns;
        this.defaultCampaign = defaultCampaign;
        this.maxHours = maxHours;
        this.maxDays = maxDays;
        this.clock = clock;
    }

    /** {@code {campaign, total}}. */
    public Answer total(Function<String, String> params) {
        String campaign = campaign(params);
        CountRead read = reader.read(StoreNames.COUNTS_BY_CHANNEL_REGION, campaign + "/", campaign + "0");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign", campaign);
        fields.put("total", read.counts().values().stream().mapToLong(Long::longValue).sum());
        return new Answer(fields, read.stale());
    }

    /** {@code {campaign, by, counts: [{channel?, region?, count}], rollups?}}; rollups with every region grouping. */
    public Answer counts(Function<String, String> params) {
        String campaign = campaign(params);
        String by = params.apply("by");
        if (by == null || by.isBlank()) {
            throw new BadRequest("Missing grouping", "by", "required: channel, region or channel,region");
        }
        Grouping grouping = Grouping.parse(by);
        String oneChannel = params.apply("channel");
        String oneRegion = params.apply("region");
        CountRead read;
        if (oneChannel != null || oneRegion != null) {
            // one count: read from the instance that holds it
            if (oneChannel == null || oneRegion == null) {
                throw new BadRequest("Incomplete key", oneChannel == null ? "channel" : "region",
                        "give both channel and region to read one count, or neither");
            }
            read = reader.get(StoreNames.COUNTS_BY_CHANNEL_REGION,
                    CountKeys.channelRegion(campaign, channel(oneChannel), region(oneRegion)));
        } else {
            read = reader.read(StoreNames.COUNTS_BY_CHANNEL_REGION, campaign + "/", campaign + "0");
        }
        Map<List<String>, Long> groups = new TreeMap<>(CountQueries::compareLists);
        Map<String, Long> rollups = new LinkedHashMap<>();
        Regions.ROLL_UPS.forEach(rollup -> rollups.put(rollup, 0L));
        read.counts().forEach((key, count) -> {
            String[] parts = CountKeys.parts(key);
            groups.merge(group(grouping, parts[1], parts[2]), count, Long::sum);
            String rollup = Regions.rollUp(parts[2]);
            if (rollup != null) {
                rollups.merge(rollup, count, Long::sum);
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.forEach((group, count) -> rows.add(row(grouping, group, count)));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign", campaign);
        fields.put("by", grouping.parameter());
        fields.put("counts", rows);
        if (grouping.hasRegion()) {
            List<Map<String, Object>> rollupRows = new ArrayList<>();
            rollups.forEach((region, count) -> rollupRows.add(ordered("region", region, "count", count)));
            fields.put("rollups", rollupRows);
        }
        return new Answer(fields, read.stale());
    }

    /**
     * {@code {campaign, bucket, from, to, by?, total, counts: [{hour|day, channel?, region?, count}]}}: without
     * {@code by}, one row per bucket of {@code [from, to)} (zero-filled), else one row per non-zero bucket and group.
     */
    public Answer history(Function<String, String> params) {
        String campaign = campaign(params);
        String bucket = params.apply("bucket") == null ? "hour" : params.apply("bucket").trim().toLowerCase(Locale.ROOT);
        String by = params.apply("by");
        Grouping grouping = by == null || by.isBlank() ? null : Grouping.parse(by);
        return switch (bucket) {
            case "hour" -> hourly(campaign, params.apply("from"), params.apply("to"), grouping);
            case "day" -> daily(campaign, params.apply("from"), params.apply("to"), grouping);
            default -> throw new BadRequest("Unknown bucket", "bucket", "\"" + bucket + "\" is not one of hour, day");
        };
    }

    /** The hourly totals of the last {@code hours} hours, oldest first, zero-filled: for the live page. */
    public List<Map<String, Object>> lastHours(String campaign, int hours) {
        Instant to = CountKeys.hourStart(clock.instant()).plus(1, ChronoUnit.HOURS);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) hourly(campaign,
                to.minus(hours, ChronoUnit.HOURS).toString(), to.toString(), null).fields().get("counts");
        return rows;
    }

    /** {@code {campaign, duplicates: [{channel, kind, count}], duplicatesByKind, uncountableCalls: [{reason, count}]}}. */
    public Answer stats(Function<String, String> params) {
        String campaign = campaign(params);
        CountRead duplicates = reader.read(StoreNames.DUPLICATES, campaign + "/", campaign + "0");
        CountRead uncountable = reader.read(StoreNames.UNCOUNTABLE_CALLS, campaign + "/", campaign + "0");
        List<Map<String, Object>> duplicateRows = new ArrayList<>();
        Map<String, Long> byKind = new TreeMap<>();
        duplicates.counts().forEach((key, count) -> {
            String[] parts = CountKeys.parts(key);
            duplicateRows.add(ordered("channel", parts[1], "kind", parts[2], "count", count));
            byKind.merge(parts[2], count, Long::sum);
        });
        List<Map<String, Object>> uncountableRows = new ArrayList<>();
        uncountable.counts().forEach((key, count) ->
                uncountableRows.add(ordered("reason", CountKeys.parts(key)[1], "count", count)));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign", campaign);
        fields.put("duplicates", duplicateRows);
        fields.put("duplicatesByKind", byKind);
        fields.put("uncountableCalls", uncountableRows);
        return new Answer(fields, duplicates.stale() || uncountable.stale());
    }

    /** The campaign parameter, or the default campaign; only counted campaigns are accepted. */
    public String campaign(Function<String, String> params) {
        String campaign = params.apply("campaign");
        if (campaign == null || campaign.isBlank()) {
            return defaultCampaign;
        }
        if (!campaigns.contains(campaign)) {
            throw new BadRequest("Unknown campaign", "campaign",
                    "\"" + campaign + "\" is not counted here; known: " + String.join(", ", campaigns));
        }
        return campaign;
    }

    private static Channel channel(String value) {
        try {
            Channel channel = Channel.valueOf(value.trim().toUpperCase(Locale.ROOT));
            if (channel != Channel.UNKNOWN) {
                return channel;
            }
        } catch (IllegalArgumentException e) {
            // the message below says what is accepted
        }
        throw new BadRequest("Unknown channel", "channel", "\"" + value + "\" is not one of CALL, WEB, APP");
    }

    private static String region(String value) {
        String region = value.trim().toUpperCase(Locale.ROOT);
        if (!Regions.isKnown(region)) {
            throw new BadRequest("Unknown region", "region", "\"" + value
                    + "\" is not a province (BE-VAN...), BE-BRU, BE, a country code or ZZ");
        }
        return region;
    }

    private Answer hourly(String campaign, String fromParam, String toParam, Grouping grouping) {
        Instant now = clock.instant();
        Instant to = toParam == null ? CountKeys.hourStart(now).plus(1, ChronoUnit.HOURS) : hourCeiling(time("to", toParam));
        Instant from = fromParam == null ? to.minus(48, ChronoUnit.HOURS) : CountKeys.hourStart(time("from", fromParam));
        checkRange(from.isBefore(to), Duration.between(from, to).toHours() > maxHours,
                maxHours + " hours");
        CountRead read = reader.read(StoreNames.COUNTS_BY_HOUR, campaign + "/" + CountKeys.formatHour(from),
                campaign + "/" + CountKeys.formatHour(to));
        List<String> buckets = new ArrayList<>();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
            buckets.add(CountKeys.formatHour(hour));
        }
        return historyAnswer(campaign, "hour", from.toString(), to.toString(), grouping, buckets, read,
                key -> Instant.parse(key.replace("Z", ":00Z")).toString());
    }

    private Answer daily(String campaign, String fromParam, String toParam, Grouping grouping) {
        LocalDate today = CountKeys.day(clock.instant());
        LocalDate to = toParam == null ? today.plusDays(1) : date("to", toParam);
        LocalDate from = fromParam == null ? to.minusDays(30) : date("from", fromParam);
        checkRange(from.isBefore(to), ChronoUnit.DAYS.between(from, to) > maxDays, maxDays + " days");
        CountRead read = reader.read(StoreNames.COUNTS_BY_DAY, campaign + "/" + from, campaign + "/" + to);
        List<String> buckets = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            buckets.add(day.toString());
        }
        return historyAnswer(campaign, "day", from.toString(), to.toString(), grouping, buckets, read,
                Function.identity());
    }

    private Answer historyAnswer(String campaign, String bucket, String from, String to, Grouping grouping,
                                 List<String> buckets, CountRead read, Function<String, String> label) {
        Map<String, Map<List<String>, Long>> byBucket = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> entry : read.counts().entrySet()) {
            String[] parts = CountKeys.parts(entry.getKey());
            List<String> group = grouping == null ? List.of() : group(grouping, parts[2], parts[3]);
            byBucket.computeIfAbsent(parts[1], b -> new TreeMap<>(CountQueries::compareLists))
                    .merge(group, entry.getValue(), Long::sum);
            total += entry.getValue();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<List<Object>> csv = new ArrayList<>();
        for (String key : buckets) {
            Map<List<String>, Long> groups = byBucket.getOrDefault(key, Map.of());
            if (grouping == null) {
                long count = groups.getOrDefault(List.<String>of(), 0L);
                rows.add(ordered(bucket, label.apply(key), "count", count));
                csv.add(List.of(label.apply(key), count));
                continue;
            }
            groups.forEach((group, count) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(bucket, label.apply(key));
                row.putAll(row(grouping, group, count));
                rows.add(row);
                List<Object> line = new ArrayList<>();
                line.add(label.apply(key));
                line.addAll(group);
                line.add(count);
                csv.add(line);
            });
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign", campaign);
        fields.put("bucket", bucket);
        fields.put("from", from);
        fields.put("to", to);
        if (grouping != null) {
            fields.put("by", grouping.parameter());
        }
        fields.put("total", total);
        fields.put("counts", rows);
        List<String> header = new ArrayList<>();
        header.add(bucket);
        if (grouping != null && grouping.hasChannel()) {
            header.add("channel");
        }
        if (grouping != null && grouping.hasRegion()) {
            header.add("region");
        }
        header.add("count");
        return new Answer(fields, read.stale(), header, csv);
    }

    private void checkRange(boolean ordered, boolean huge, String limit) {
        if (!ordered) {
            throw new BadRequest("Empty or reversed time range", "to", "must be after from");
        }
        if (huge) {
            throw new BadRequest("Time range too long", "from", "the range may span at most " + limit
                    + "; ask for several ranges");
        }
    }

    private static Instant hourCeiling(Instant time) {
        Instant start = CountKeys.hourStart(time);
        return start.equals(time) ? start : start.plus(1, ChronoUnit.HOURS);
    }

    private static Instant time(String field, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(CountKeys.ZONE).toInstant();
            } catch (DateTimeParseException again) {
                throw new BadRequest("Bad time", field,
                        "\"" + value + "\" is not a time like 2023-11-20T13:00:00Z or a date like 2023-11-20");
            }
        }
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return CountKeys.day(Instant.parse(value.trim()));
            } catch (DateTimeParseException again) {
                throw new BadRequest("Bad date", field, "\"" + value + "\" is not a date like 2023-11-20");
            }
        }
    }

    private static List<String> group(Grouping grouping, String channel, String region) {
        return switch (grouping) {
            case CHANNEL -> List.of(channel);
            case REGION -> List.of(region);
            case CHANNEL_REGION -> List.of(channel, region);
        };
    }

    private static Map<String, Object> row(Grouping grouping, List<String> group, long count) {
        return switch (grouping) {
            case CHANNEL -> ordered("channel", group.get(0), "count", count);
            case REGION -> ordered("region", group.get(0), "count", count);
            case CHANNEL_REGION -> ordered("channel", group.get(0), "region", group.get(1), "count", count);
        };
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static int compareLists(List<String> a, List<String> b) {
        return String.join("/", a).compareTo(String.join("/", b));
    }
}
