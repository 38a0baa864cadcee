package be.petition.topology;

/**
 * A change to one count, sent through the {@code count-tallies} repartition keyed by the count key, so that each
 * count is kept by exactly one task and no single key carries the total.
 *
 * @param kind which store the change is for
 * @param delta the summed change of the cell since the last tally (signatures: +1 per signer counted there, -1 per
 *              signer taken off by a withdrawal or moved to another cell)
 * @param hourStart the start of the Brussels hour the counted signatures were made in (epoch ms), for the hour and
 *                  day buckets (signatures only; 0 otherwise)
 */
record Tally(Kind kind, int delta, long hourStart) {
    public enum Kind {
        /** Key {@code campaign/CHANNEL/REGION}: the channel-region, hour and day counts. */
        SIGNATURE,
        /** Key {@code campaign/CHANNEL/KIND}. */
        DUPLICATE,
        /** Key {@code campaign/REASON}. */
        UNCOUNTABLE_CALL,
        /** Key {@code campaign/reason-code} with a {@link RejectionReason#code()}. */
        REJECTED_RECORD
        // new kinds go last: the ordinal is in the repartition's values and the pending-tallies keys
    }
}
