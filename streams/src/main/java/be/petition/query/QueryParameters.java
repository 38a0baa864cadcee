package be.petition.query;

import be.petition.avro.Channel;
import be.petition.geography.Regions;
import be.petition.topology.CountKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The query API's parameters, as they arrive (strings, by name), checked and turned into typed queries with their
 * defaults filled in. A bad one is a {@link BadRequest} naming the field.
 */
public final class QueryParameters {
    /** Times and dates a query may name: no count is older or newer, and nothing overflows in between. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 1, 1);

    /**
     * The parameters each endpoint takes. Any other is a 400: the parameters are part of the answer cache's key, so
     * an ignored one would make every request a new entry and a read of every instance.
     */
    public enum Endpoint {
        TOTAL("campaign", "format"),
        COUNTS("campaign", "by", "channel", "region", "format"),
        HISTORY("campaign", "bucket", "from", "to", "by", "format"),
        STATS("campaign", "format"),
        INTERNAL_LOCAL("store", "from", "to", "stale"),
        INTERNAL_KEY("store", "key", "partition", "stale");

        private final List<String> names;

        Endpoint(String... names) {
            this.names = List.of(names);
        }

        /**
         * Refuses a parameter this endpoint does not take, or one given twice (only the first would be read, the
         * second would still make a new cache key).
         */
        public void check(Map<String, List<String>> given) {
            given.forEach((name, values) -> {
                if (!names.contains(name)) {
                    throw new BadRequest("Unknown parameter", name, "not a parameter of this request; it takes "
                            + String.join(", ", names));
                }
                if (values.size() > 1) {
                    throw new BadRequest("Repeated parameter", name, "give it once");
                }
            });
        }
    }

    private final Set<String> campaigns;
    private final String defaultCampaign;
    private final int maxHours;
    private final int maxDays;
    private final Clock clock;

    public QueryParameters(Set<String> campaigns, String defaultCampaign, int maxHours, int maxDays, Clock clock) {
        this.campaigns = campaigns;
        this.defaultCampaign = defaultCampaign;
        this.maxHours = maxHours;
        this.maxDays = maxDays;
        this.clock = clock;
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

    /** {@code campaign?, by, channel?, region?}: the grouping is required, the cell optional but whole. */
    public CountsQuery counts(Function<String, String> params) {
        String campaign = campaign(params);
        String by = params.apply("by");
        if (by == null || by.isBlank()) {
            throw new BadRequest("Missing grouping", "by", "required: channel, region or channel,region");
        }
        Grouping grouping = Grouping.parse(by);
        String oneChannel = params.apply("channel");
        String oneRegion = params.apply("region");
        if (oneChannel == null && oneRegion == null) {
            return new CountsQuery(campaign, grouping);
        }
        if (oneChannel == null || oneRegion == null) {
            throw new BadRequest("Incomplete key", oneChannel == null ? "channel" : "region",
                    "give both channel and region to read one count, or neither");
        }
        return new CountsQuery(campaign, grouping, channel(oneChannel), region(oneRegion));
    }

    /**
     * {@code campaign?, bucket?, from?, to?, by?}: hours by default; hours widen to whole hours, times given for days
     * count as their Brussels date. Without {@code to}, up to the end of the current hour or day; without
     * {@code from}, 48 hours or 30 days before {@code to}.
     */
    public HistoryQuery history(Function<String, String> params) {
        String campaign = campaign(params);
        String bucket = params.apply("bucket") == null ? "hour" : params.apply("bucket").trim().toLowerCase(Locale.ROOT);
        String by = params.apply("by");
        Grouping grouping = by == null || by.isBlank() ? null : Grouping.parse(by);
        return switch (bucket) {
            case "hour" -> hours(campaign, params.apply("from"), params.apply("to"), grouping);
            case "day" -> days(campaign, params.apply("from"), params.apply("to"), grouping);
            default -> throw new BadRequest("Unknown bucket", "bucket", "\"" + bucket + "\" is not one of hour, day");
        };
    }

    private HistoryQuery hours(String campaign, String fromParam, String toParam, Grouping grouping) {
        Instant to = toParam == null ? CountKeys.hourStart(clock.instant()).plus(1, ChronoUnit.HOURS)
                : hourCeiling(time("to", toParam));
        Instant from = fromParam == null ? to.minus(48, ChronoUnit.HOURS) : CountKeys.hourStart(time("from", fromParam));
        checkRange(from.isBefore(to), Duration.between(from, to).toHours() > maxHours, maxHours + " hours");
        return new HistoryQuery(campaign, Bucket.HOUR, from, to, grouping);
    }

    private HistoryQuery days(String campaign, String fromParam, String toParam, Grouping grouping) {
        LocalDate to = toParam == null ? CountKeys.day(clock.instant()).plusDays(1) : date("to", toParam);
        LocalDate from = fromParam == null ? to.minusDays(30) : date("from", fromParam);
        checkRange(from.isBefore(to), ChronoUnit.DAYS.between(from, to) > maxDays, maxDays + " days");
        return new HistoryQuery(campaign, Bucket.DAY, from.atStartOfDay(CountKeys.ZONE).toInstant(),
                to.atStartOfDay(CountKeys.ZONE).toInstant(), grouping);
    }

    private static void checkRange(boolean ordered, boolean huge, String limit) {
        if (!ordered) {
            throw new BadRequest("Empty or reversed time range", "to", "must be after from");
        }
        if (huge) {
            throw new BadRequest("Time range too long", "from", "the range may span at most " + limit
                    + "; ask for several ranges");
        }
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

    private static Instant hourCeiling(Instant time) {
        Instant start = CountKeys.hourStart(time);
        return start.equals(time) ? start : start.plus(1, ChronoUnit.HOURS);
    }

    private static Instant time(String field, String value) {
        Instant time;
        try {
            time = Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                time = inRange(field, LocalDate.parse(value.trim())).atStartOfDay(CountKeys.ZONE).toInstant();
            } catch (DateTimeParseException again) {
                throw new BadRequest("Bad time", field,
                        "\"" + value + "\" is not a time like 2023-11-20T13:00:00Z or a date like 2023-11-20");
            }
        }
        return inRange(field, time);
    }

    private static LocalDate date(String field, String value) {
        try {
            return inRange(field, LocalDate.parse(value.trim()));
        } catch (DateTimeParseException e) {
            try {
                return CountKeys.day(inRange(field, Instant.parse(value.trim())));
            } catch (DateTimeParseException again) {
                throw new BadRequest("Bad date", field, "\"" + value + "\" is not a date like 2023-11-20");
            }
        }
    }

    private static Instant inRange(String field, Instant time) {
        if (time.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
                || time.isAfter(LATEST.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw outOfRange(field);
        }
        return time;
    }

    private static LocalDate inRange(String field, LocalDate date) {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw outOfRange(field);
        }
        return date;
    }

    private static BadRequest outOfRange(String field) {
        return new BadRequest("Time out of range", field, "must be between " + EARLIEST + " and " + LATEST);
    }
}
