package be.petition.topology;

import be.petition.avro.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Key formats of the count stores and of {@code petition.counts.v1}. Parts are joined with {@code /}; campaign ids
 * never contain one. Keys of one campaign sort by time in the hour and day stores (ASCII order of the String
 * serde's bytes), so a history is one range query: {@code [campaign/<from>, campaign/<to>)}.
 *
 * <p>Hours and days follow the Europe/Brussels calendar. An hour is keyed by the UTC instant it starts at, so the
 * two 02:00 hours of the October change stay apart and keys sort in real time order; a day is the Brussels local
 * date, so a daylight-saving day holds 23 or 25 hour buckets.
 */
public final class CountKeys {
    public static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    public static final String SEPARATOR = "/";
    private static final long HOUR_MILLIS = 3_600_000L;

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private CountKeys() {
    }

    /** {@code campaign/CHANNEL/REGION}: counts-by-channel-region, petition.counts.v1, and the tally partitioning. */
    public static String channelRegion(String campaign, Channel channel, String region) {
        return campaign + SEPARATOR + channel.name() + SEPARATOR + region;
    }

    /** {@code campaign/2023-11-20T13:00Z/CHANNEL/REGION}. */
    public static String hour(String campaign, Instant eventTime, Channel channel, String region) {
        return campaign + SEPARATOR + formatHour(hourStart(eventTime)) + SEPARATOR + channel.name() + SEPARATOR
                + region;
    }

    /** {@code campaign/2023-11-20/CHANNEL/REGION}. */
    public static String day(String campaign, Instant eventTime, Channel channel, String region) {
        return campaign + SEPARATOR + day(eventTime) + SEPARATOR + channel.name() + SEPARATOR + region;
    }

    /** {@code campaign/CHANNEL/KIND}. */
    public static String duplicate(String campaign, Channel channel, DuplicateKind kind) {
        return campaign + SEPARATOR + channel.name() + SEPARATOR + kind.name();
    }

    /** {@code campaign/REASON}. */
    public static String uncountable(String campaign, String reason) {
        return campaign + SEPARATOR + reason;
    }

    /** {@code campaign/reason-code}, e.g. {@code glenn-2023/unknown-region}. */
    public static String rejected(String campaign, RejectionReason reason) {
        return campaign + SEPARATOR + reason.code();
    }

    /** The start of the Brussels calendar hour holding this instant. */
    public static Instant hourStart(Instant time) {
        return Instant.ofEpochMilli(hourStart(time.toEpochMilli()));
    }

    /** As {@link #hourStart(Instant)}, in epoch milliseconds; the topology calls it for every signature it counts. */
    public static long hourStart(long epochMilli) {
        Instant time = Instant.ofEpochMilli(epochMilli);
        if (ZONE.getRules().getOffset(time).getTotalSeconds() % 3600 == 0) {
            // a whole-hour offset (Brussels' always are): local hours start on UTC hours
            return epochMilli - Math.floorMod(epochMilli, HOUR_MILLIS);
        }
        return time.atZone(ZONE).truncatedTo(ChronoUnit.HOURS).toInstant().toEpochMilli();
    }

    /** The Brussels calendar date of this instant. */
    public static LocalDate day(Instant time) {
        return time.atZone(ZONE).toLocalDate();
    }

    /** {@code 2023-11-20T13:00Z}. */
    public static String formatHour(Instant hourStart) {
        return HOUR.format(hourStart);
    }

    /**
     * The key whose partition holds a count store's key, for {@code KafkaStreams.queryMetadataForKey(store,
     * routingKey, Serdes.String().serializer())}: hour and day counts live with their {@code campaign/CHANNEL/REGION},
     * every other count with its own key.
     */
    public static String routingKey(String store, String key) {
        if (StoreNames.COUNTS_BY_HOUR.equals(store) || StoreNames.COUNTS_BY_DAY.equals(store)) {
            String[] parts = parts(key);
            if (parts.length != 4) {
                throw new IllegalArgumentException("A key of " + store + " has four parts, not \"" + key + "\"");
            }
            return parts[0] + SEPARATOR + parts[2] + SEPARATOR + parts[3];
        }
        return key;
    }

    /** The parts of a key, e.g. {@code [campaign, CHANNEL, REGION]}. */
    public static String[] parts(String key) {
        return key.split(SEPARATOR, -1);
    }
}
