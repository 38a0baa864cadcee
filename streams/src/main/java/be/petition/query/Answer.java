package be.petition.query;

import java.util.Map;

/** What a query of the API answers, before the writer adds {@code stale} and {@code asOf}. */
public sealed interface Answer permits Total, CountsAnswer, History, Stats {
    /** True when part of the counts came from a standby or could not be read (the JSON says {@code stale}). */
    boolean stale();

    /** The JSON object's fields, in the order clients see them. */
    Map<String, Object> json();
}
