package be.petition.query;

/** The counts cannot be read right now (Streams starting, rebalancing or restoring, an instance unreachable). */
public final class CountsUnavailable extends RuntimeException {
    public CountsUnavailable(String message) {
        super(message);
    }

    public CountsUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
