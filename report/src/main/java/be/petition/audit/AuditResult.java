package be.petition.audit;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * The outcome of one audit.
 *
 * @param records records read, over every pass
 * @param readSeconds time the first pass (the whole topics) took
 * @param recordsPerSecond the first pass's speed
 * @param cellsCompared channel × region and day cells present on either side
 * @param recountTotal signatures counted by the audit, per campaign
 * @param liveTotal signatures the query API counts, per campaign
 * @param notCounted records that count for nothing, by reason
 * @param attempts comparisons made before the counts were equal or the settle timeout passed
 */
public record AuditResult(Instant auditedAt, long records, long signers, double readSeconds, double recordsPerSecond,
                          int cellsCompared, SortedMap<String, Long> recountTotal, SortedMap<String, Long> liveTotal,
                          SortedMap<String, Long> notCounted, List<Difference> differences, int attempts) {
    public boolean equal() {
        return differences.isEmpty();
    }

    /** The sum of the absolute differences over every cell compared. */
    public long absoluteDifference() {
        return differences.stream().mapToLong(d -> Math.abs(d.difference())).sum();
    }
}
