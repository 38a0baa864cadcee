package be.petition.report;

import be.petition.counting.UncountableReason;
import java.util.Map;

/**
 * What the query API's {@code /api/v1/stats} says about what reached the petition but did not count, since launch,
 * each by its reason code as the API gives it (the report translates the codes it knows).
 *
 * @param duplicatesByKind signatures not counted as duplicates, by kind ({@code REDELIVERED}, {@code REPEAT_SIGNER})
 * @param uncountableCalls calls that did not count, by reason ({@code WITHHELD}, {@code STATUS_BUSY}...)
 * @param rejectedRecords records the Streams app rejected, by reason ({@code unknown-region}...)
 */
public record CallStats(Map<String, Long> duplicatesByKind, Map<String, Long> uncountableCalls,
                        Map<String, Long> rejectedRecords) {
    public CallStats {
        duplicatesByKind = Map.copyOf(duplicatesByKind);
        uncountableCalls = Map.copyOf(uncountableCalls);
        rejectedRecords = Map.copyOf(rejectedRecords);
    }

    /** Calls with a hidden number (they cannot be deduplicated, so they do not count). */
    public long withheldCalls() {
        return uncountableCalls.getOrDefault(UncountableReason.WITHHELD, 0L);
    }

    /** Signatures removed as duplicates, all channels and kinds. */
    public long duplicates() {
        return duplicatesByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
