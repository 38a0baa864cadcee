package be.petition.topology;

/**
 * A change to one count, sent through the {@code count-tallies} repartition keyed by the count key, so that each
 * count is kept by exactly one task and no single key carries the total.
 *
 * @param kind which store the change is for
 * @param delta +1 or -1
 * @param eventTime when the counted person signed, for the hour and day buckets (signatures only)
 */
record Tally(Kind kind, int delta, long eventTime) {
    public enum Kind {
        /** Key {@code campaign/CHANNEL/REGION}: the channel-region, hour and day counts. */
        SIGNATURE,
        /** Key {@code campaign/CHANNEL/KIND}. */
        DUPLICATE,
        /** Key {@code campaign/REASON}. */
        UNCOUNTABLE_CALL
    }
}
