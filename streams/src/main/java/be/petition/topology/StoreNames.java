package be.petition.topology;

import java.util.List;

/**
 * The names of the topology's state stores and internal topics. Changelog topics are
 * {@code <application.id>-<store>-changelog}; the tally repartition topic is
 * {@code <application.id>-count-tallies-repartition}. Key formats are in {@link CountKeys}.
 */
public final class StoreNames {
    /** Key {@code campaign/signerKey}, value {@link SignerState} (internal): each signer's recent events. */
    public static final String SIGNERS = "signers";
    /** Key {@code campaign/CHANNEL/REGION}, value Long: signatures counted now. */
    public static final String COUNTS_BY_CHANNEL_REGION = "counts-by-channel-region";
    /** Key {@code campaign/2023-11-20T13:00Z/CHANNEL/REGION} (UTC start of the Brussels hour), value Long. */
    public static final String COUNTS_BY_HOUR = "counts-by-hour";
    /** Key {@code campaign/2023-11-20/CHANNEL/REGION} (Brussels local date), value Long. */
    public static final String COUNTS_BY_DAY = "counts-by-day";
    /** Key {@code campaign/CHANNEL/KIND} with a {@link DuplicateKind}, value Long. */
    public static final String DUPLICATES = "duplicates";
    /** Key {@code campaign/REASON} with an {@link be.petition.counting.UncountableReason} name, value Long. */
    public static final String UNCOUNTABLE_CALLS = "uncountable-calls";
    /**
     * Key {@code campaign/reason-code} with a {@link RejectionReason#code()}, value Long: records sent to the rejected
     * topic. A record counts under its campaign when that is one counted here, otherwise (unreadable, or an unknown
     * campaign) under the default campaign.
     */
    public static final String REJECTED_RECORDS = "rejected-records";

    /**
     * Key {@code kind|hour|countKey}, value Long (internal, in memory, changelogged): count changes of the ledger's
     * task summed per cell until they are sent through {@link #COUNT_TALLIES}.
     */
    public static final String PENDING_TALLIES = "pending-tallies";

    /** The repartition that brings every tally for one count key to one task. */
    public static final String COUNT_TALLIES = "count-tallies";

    /** The stores holding Long counts, all partitioned by their key's {@code campaign/CHANNEL/...} prefix. */
    public static final List<String> COUNT_STORES =
            List.of(COUNTS_BY_CHANNEL_REGION, COUNTS_BY_HOUR, COUNTS_BY_DAY, DUPLICATES, UNCOUNTABLE_CALLS,
                    REJECTED_RECORDS);


    private StoreNames() {
    }
}
