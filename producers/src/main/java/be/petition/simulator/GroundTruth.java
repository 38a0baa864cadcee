package be.petition.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pipeline should count after the requests the gateway accepted, by its rules (DESIGN.md "Counting"):
 * the first accepted signature per signer identity counts, in its channel and region; later ones are duplicates;
 * a withdrawal removes the signer; calls count only with a visible number and a counting status. Updated in the
 * order the gateway acknowledged requests; the simulator only sends a duplicate or withdrawal for someone whose
 * earlier request was acknowledged, so that order is the order the pipeline sees.
 */
public final class GroundTruth {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String campaign;
    private final long seed;
    /** identity → "channel/region" of the signature that counts. */
    private final Map<String, String> counted = new HashMap<>();
    private final Map<String, Long> byKey = new TreeMap<>();
    private final Map<Planned.Kind, Long> accepted = new TreeMap<>();
    private final Map<Planned.Kind, Long> refused = new TreeMap<>();
    private long sent;
    private long transportFailures;
    private long effectiveWithdrawals;
    private long duplicatesNotCounted;

    GroundTruth(String campaign, long seed) {
        this.campaign = campaign;
        this.seed = seed;
    }

    synchronized void sent() {
        sent++;
    }

    /** The gateway (or Kafka) acknowledged a request. */
    synchronized void accepted(Planned planned) {
        accepted.merge(planned.kind(), 1L, Long::sum);
        switch (planned.kind()) {
            case SIGNATURE, DUPLICATE_OTHER_CHANNEL, DUPLICATE_SAME_CHANNEL, RESENT -> {
                if (counted.containsKey(planned.identity())) {
                    duplicatesNotCounted++;
                } else {
                    String key = planned.channel() + "/" + planned.region();
                    counted.put(planned.identity(), key);
                    byKey.merge(key, 1L, Long::sum);
                }
            }
            case WITHDRAWAL, WITHDRAWAL_WITHOUT_SIGNATURE -> {
                String key = counted.remove(planned.identity());
                if (key != null) {
                    effectiveWithdrawals++;
                    byKey.merge(key, -1L, Long::sum);
                }
            }
            default -> {
                // withheld and non-counting calls are recorded but never counted; malformed ones should not get here
            }
        }
    }

    /** The request got an error status (expected for malformed ones). */
    synchronized void refused(Planned planned) {
        refused.merge(planned.kind(), 1L, Long::sum);
    }

    synchronized void transportFailed() {
        transportFailures++;
    }

    public synchronized long total() {
        return counted.size();
    }

    synchronized long acceptedOf(Planned.Kind kind) {
        return accepted.getOrDefault(kind, 0L);
    }

    synchronized long refusedOf(Planned.Kind kind) {
        return refused.getOrDefault(kind, 0L);
    }

    synchronized long sentCount() {
        return sent;
    }

    /** The truth as a JSON tree (see {@link #write(Path)}). */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("campaign", campaign);
        root.put("seed", seed);
        root.put("requestsSent", sent);
        root.put("transportFailures", transportFailures);
        root.put("expectedTotal", counted.size());
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Long> byChannel = new TreeMap<>();
        Map<String, Long> byRegion = new TreeMap<>();
        byKey.forEach((key, count) -> {
            if (count != 0) {
                String[] parts = key.split("/", 2);
                counts.put(campaign + "/" + key, count);
                byChannel.merge(parts[0], count, Long::sum);
                byRegion.merge(parts[1], count, Long::sum);
            }
        });
        root.put("expectedCounts", counts);
        root.put("expectedByChannel", byChannel);
        root.put("expectedByRegion", byRegion);
        Map<String, Object> duplicates = new LinkedHashMap<>();
        duplicates.put("otherChannel", acceptedOf(Planned.Kind.DUPLICATE_OTHER_CHANNEL));
        duplicates.put("sameChannel", acceptedOf(Planned.Kind.DUPLICATE_SAME_CHANNEL));
        duplicates.put("resent", acceptedOf(Planned.Kind.RESENT));
        duplicates.put("notCounted", duplicatesNotCounted);
        root.put("duplicates", duplicates);
        Map<String, Object> withdrawals = new LinkedHashMap<>();
        withdrawals.put("accepted", acceptedOf(Planned.Kind.WITHDRAWAL) + acceptedOf(Planned.Kind.WITHDRAWAL_WITHOUT_SIGNATURE));
        withdrawals.put("removedSigner", effectiveWithdrawals);
        withdrawals.put("withoutSignature", acceptedOf(Planned.Kind.WITHDRAWAL_WITHOUT_SIGNATURE));
        root.put("withdrawals", withdrawals);
        Map<String, Object> uncountable = new LinkedHashMap<>();
        uncountable.put("withheldNumber", acceptedOf(Planned.Kind.WITHHELD_CALL));
        uncountable.put("notCountingStatus", acceptedOf(Planned.Kind.NOT_COUNTING_CALL));
        root.put("uncountableCalls", uncountable);
        Map<String, Object> malformed = new LinkedHashMap<>();
        malformed.put("sent", acceptedOf(Planned.Kind.MALFORMED) + refusedOf(Planned.Kind.MALFORMED));
        malformed.put("rejected", refusedOf(Planned.Kind.MALFORMED));
        malformed.put("acceptedByMistake", acceptedOf(Planned.Kind.MALFORMED));
        root.put("malformedRequests", malformed);
        Map<String, Long> accepted = new TreeMap<>();
        this.accepted.forEach((kind, n) -> accepted.put(kind.name(), n));
        root.put("acceptedByKind", accepted);
        Map<String, Long> failed = new TreeMap<>();
        refused.forEach((kind, n) -> {
            if (kind != Planned.Kind.MALFORMED) {
                failed.put(kind.name(), n);
            }
        });
        root.put("refusedValidRequestsByKind", failed);
        return root;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), toMap());
    }
}
