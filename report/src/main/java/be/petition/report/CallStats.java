package be.petition.report;

/**
 * What the query API's {@code /api/v1/stats} says about signatures that were not counted, since launch.
 *
 * @param withheldCalls calls with a hidden number (they cannot be deduplicated, so they do not count)
 * @param duplicates signatures removed as duplicates, all channels
 */
public record CallStats(long withheldCalls, long duplicates) {
}
