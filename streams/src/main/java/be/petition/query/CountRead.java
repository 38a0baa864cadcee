package be.petition.query;

import java.util.Map;

/**
 * The counts of one store key range over every instance.
 *
 * @param counts key → count, summed over all partitions
 * @param stale true when some partition was read from a standby or a restoring copy, or could not be read at all
 */
public record CountRead(Map<String, Long> counts, boolean stale) {
}
