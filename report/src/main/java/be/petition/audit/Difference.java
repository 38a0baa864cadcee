package be.petition.audit;

/**
 * One count that differs: what the audit counted from the raw topics, what the live query API says, and
 * {@code live - recount}.
 *
 * @param kind {@link #CHANNEL_REGION}, {@link #DAY}, or {@link #DAYS_OUTSIDE}: the live counts of days the
 *        history was not asked for (the recount has none there)
 * @param cell {@link Cell#label}, or {@code days outside FROM..TO}
 */
public record Difference(String kind, String campaign, String cell, long recount, long live) {
    public static final String CHANNEL_REGION = "channel_region";
    public static final String DAY = "day";
    public static final String DAYS_OUTSIDE = "days_outside";

    public long difference() {
        return live - recount;
    }
}
