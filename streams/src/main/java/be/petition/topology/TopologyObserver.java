package be.petition.topology;

/**
 * What the topology tells the service's metrics while it processes. Called on stream threads: keep it cheap and
 * never throw. A transaction that aborts and is processed again reports its records again, so these feed rates and
 * latencies, never counts (the stores are the counts).
 */
public interface TopologyObserver {
    TopologyObserver NONE = new TopologyObserver() {
    };

    /** A record went to the rejected topic; {@code reason} is a {@link RejectionReason#code()}. */
    default void rejected(String reason) {
    }

    /** A signature was counted ({@code delta} +1) or taken off by a withdrawal (-1). */
    default void counted(String channel, int delta, long eventTimeMs, long countedAtMs) {
    }
}
