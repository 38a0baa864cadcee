package be.petition.query;

import be.petition.topology.CountKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The counts of a campaign per bucket of {@code [from, to)}, both bucket starts; grouped {@code by}, or not when it is
 * null.
 */
public record HistoryQuery(String campaign, Bucket bucket, Instant from, Instant to, Grouping by) {
    /** The {@code hours} hours up to the end of the current one, not grouped: the live page's curve. */
    public static HistoryQuery lastHours(String campaign, int hours, Instant now) {
        Instant to = CountKeys.hourStart(now).plus(1, ChronoUnit.HOURS);
        return new HistoryQuery(campaign, Bucket.HOUR, to.minus(hours, ChronoUnit.HOURS), to, null);
    }
}
