package be.petition.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the pipeline should count after the records Kafka acknowledged, by DESIGN.md "Counting". Per signer (one
 * identity is one signer key; the campaign is the simulator's): an event is its event id, its time the earliest
 * of its deliveries; w is the latest withdrawal's time; the signer counts once if a signature is later than w,
 * in the channel and region of the earliest such signature (tie: the smaller event id). Calls with a withheld
 * number or a status that does not sign never count. So the result depends on the set of acknowledged records,
 * never on the order in which they were acknowledged; it is worked out when asked ({@link #toMap()}).
 *
 * <p>Each acknowledged signature or withdrawal costs about 30 bytes: event id, time, signer and cell in
 * primitive arrays; signers are told apart by 96 bits of hash of their identity.
 */
public final class GroundTruth {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final short WITHDRAWAL = -1;

    private final String campaign;
    private final long seed;
    private final AtomicLong sent = new AtomicLong();
    private final long[] accepted = new long[Planned.Kind.values().length];
    private final long[] refused = new long[Planned.Kind.values().length];
    private final long[] unconfirmed = new long[Planned.Kind.values().length];
    private long transportFailures;

    /** Acknowledged signatures and withdrawals, one index each. */
    private int size;
    private long[] idHigh = new long[1024];
    private long[] idLow = new long[1024];
    private long[] times = new long[1024];
    private int[] signerOf = new int[1024];
    /** "channel/region" index of a signature, or {@link #WITHDRAWAL}. */
    private short[] cellOf = new short[1024];
    private final Signers signers = new Signers();
    /** channel → region → index in {@link #cells}. */
    private final Map<String, Map<String, Short>> cellIndex = new HashMap<>();
    private final List<String> cells = new ArrayList<>();
    /** The result for the records so far; null once another record arrived. */
    private Result result;

    GroundTruth(String campaign, long seed) {
        this.campaign = campaign;
        this.seed = seed;
    }

    void sent() {
        sent.incrementAndGet();
    }

    /** Kafka (or the gateway) acknowledged a request: it wrote the record with this event id and time. */
    synchronized void accepted(Planned planned, String eventId, long eventTime) {
        Planned.Kind kind = planned.kind();
        accepted[kind.ordinal()]++;
        if (!kind.signature() && !kind.withdrawal()) {
            return; // withheld and non-counting calls never count; malformed ones should not get here
        }
        if (size == times.length) {
            grow();
        }
        UUID id = UUID.fromString(eventId);
        idHigh[size] = id.getMostSignificantBits();
        idLow[size] = id.getLeastSignificantBits();
        times[size] = eventTime;
        signerOf[size] = signers.indexOf(planned.identity());
        cellOf[size] = kind.withdrawal() ? WITHDRAWAL : cell(planned.channel(), planned.region());
        size++;
        result = null;
    }

    /** The gateway took the request, but its signer never confirmed it by mail: nothing was written. */
    synchronized void unconfirmed(Planned planned) {
        unconfirmed[planned.kind().ordinal()]++;
    }

    /** The request got an error status (expected for malformed ones). */
    synchronized void refused(Planned planned) {
        refused[planned.kind().ordinal()]++;
    }

    synchronized void transportFailed() {
        transportFailures++;
    }

    public synchronized long total() {
        return result().total;
    }

    synchronized long acceptedOf(Planned.Kind kind) {
        return accepted[kind.ordinal()];
    }

    synchronized long refusedOf(Planned.Kind kind) {
        return refused[kind.ordinal()];
    }

    long sentCount() {
        return sent.get();
    }

    /** The truth as a JSON tree (see {@link #write(Path)}). */
    public synchronized Map<String, Object> toMap() {
        Result result = result();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("campaign", campaign);
        root.put("seed", seed);
        root.put("requestsSent", sent.get());
        root.put("transportFailures", transportFailures);
        root.put("expectedTotal", result.total);
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Long> byChannel = new TreeMap<>();
        Map<String, Long> byRegion = new TreeMap<>();
        for (int cell = 0; cell < cells.size(); cell++) {
            long count = result.cellCounts[cell];
            if (count != 0) {
                String[] parts = cells.get(cell).split("/", 2);
                counts.put(campaign + "/" + cells.get(cell), count);
                byChannel.merge(parts[0], count, Long::sum);
                byRegion.merge(parts[1], count, Long::sum);
            }
        }
        root.put("expectedCounts", counts);
        root.put("expectedByChannel", byChannel);
        root.put("expectedByRegion", byRegion);
        long signatures = acceptedOf(Planned.Kind.SIGNATURE) + acceptedOf(Planned.Kind.OTHER_CHANNEL)
                + acceptedOf(Planned.Kind.DUPLICATE_SAME_CHANNEL) + acceptedOf(Planned.Kind.RESENT);
        // callers who also signed online, typing their number: another identity, so counted again
        root.put("signedAgainUnderAnotherIdentity", acceptedOf(Planned.Kind.OTHER_CHANNEL));
        Map<String, Object> duplicates = new LinkedHashMap<>();
        duplicates.put("sameChannel", acceptedOf(Planned.Kind.DUPLICATE_SAME_CHANNEL));
        duplicates.put("resent", acceptedOf(Planned.Kind.RESENT));
        // every acknowledged signature request beyond one per signer who signed
        duplicates.put("notCounted", signatures - result.signersWhoSigned);
        root.put("duplicates", duplicates);
        Map<String, Object> withdrawals = new LinkedHashMap<>();
        withdrawals.put("accepted", acceptedOf(Planned.Kind.WITHDRAWAL) + acceptedOf(Planned.Kind.WITHDRAWAL_WITHOUT_SIGNATURE));
        // signers who signed but not after their latest withdrawal
        withdrawals.put("removedSigner", result.signersWhoSigned - result.total);
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
        Map<String, Long> acceptedByKind = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        for (Planned.Kind kind : Planned.Kind.values()) {
            if (accepted[kind.ordinal()] > 0) {
                acceptedByKind.put(kind.name(), accepted[kind.ordinal()]);
            }
            if (kind != Planned.Kind.MALFORMED && refused[kind.ordinal()] > 0) {
                failed.put(kind.name(), refused[kind.ordinal()]);
            }
        }
        root.put("acceptedByKind", acceptedByKind);
        Map<String, Long> neverConfirmed = new TreeMap<>();
        for (Planned.Kind kind : Planned.Kind.values()) {
            if (unconfirmed[kind.ordinal()] > 0) {
                neverConfirmed.put(kind.name(), unconfirmed[kind.ordinal()]);
            }
        }
        root.put("neverConfirmedByKind", neverConfirmed);
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

    private short cell(String channel, String region) {
        Map<String, Short> regions = cellIndex.computeIfAbsent(channel, c -> new HashMap<>());
        Short index = regions.get(region);
        if (index == null) {
            index = (short) cells.size();
            cells.add(channel + "/" + region);
            regions.put(region, index);
        }
        return index;
    }

    private void grow() {
        int capacity = times.length + (times.length >> 1);
        idHigh = Arrays.copyOf(idHigh, capacity);
        idLow = Arrays.copyOf(idLow, capacity);
        times = Arrays.copyOf(times, capacity);
        signerOf = Arrays.copyOf(signerOf, capacity);
        cellOf = Arrays.copyOf(cellOf, capacity);
    }

    private record Result(long total, long signersWhoSigned, long[] cellCounts) {
    }

    private Result result() {
        if (result == null) {
            result = count();
        }
        return result;
    }

    /** Applies the rule signer by signer: the records are grouped by signer first (a counting sort). */
    private Result count() {
        int signerCount = signers.size();
        int[] start = new int[signerCount + 1];
        for (int i = 0; i < size; i++) {
            start[signerOf[i] + 1]++;
        }
        for (int s = 0; s < signerCount; s++) {
            start[s + 1] += start[s];
        }
        int[] next = Arrays.copyOf(start, signerCount);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[next[signerOf[i]]++] = i;
        }
        long[] cellCounts = new long[cells.size()];
        long total = 0;
        long signersWhoSigned = 0;
        for (int s = 0; s < signerCount; s++) {
            int from = start[s];
            int to = start[s + 1];
            long latestWithdrawal = Long.MIN_VALUE;
            boolean signed = false;
            for (int a = from; a < to; a++) {
                if (cellOf[order[a]] == WITHDRAWAL) {
                    latestWithdrawal = Math.max(latestWithdrawal, eventTime(order[a], order, from, to));
                } else {
                    signed = true;
                }
            }
            int counted = -1;
            long countedTime = 0;
            for (int a = from; a < to; a++) {
                int r = order[a];
                if (cellOf[r] == WITHDRAWAL) {
                    continue;
                }
                long time = eventTime(r, order, from, to);
                if (time > latestWithdrawal
                        && (counted < 0 || time < countedTime || time == countedTime && compareIds(r, counted) < 0)) {
                    counted = r;
                    countedTime = time;
                }
            }
            if (signed) {
                signersWhoSigned++;
            }
            if (counted >= 0) {
                total++;
                cellCounts[cellOf[counted]]++;
            }
        }
        return new Result(total, signersWhoSigned, cellCounts);
    }

    /** An event's time: the earliest of its deliveries (the signer's records are few, so a scan is enough). */
    private long eventTime(int record, int[] order, int from, int to) {
        long time = times[record];
        for (int a = from; a < to; a++) {
            int other = order[a];
            if (idHigh[other] == idHigh[record] && idLow[other] == idLow[record]) {
                time = Math.min(time, times[other]);
            }
        }
        return time;
    }

    /**
     * Event ids as String.compareTo orders them: a UUID's text is fixed-width lower-case hex, so its order is the
     * unsigned order of its bits.
     */
    private int compareIds(int a, int b) {
        int high = Long.compareUnsigned(idHigh[a], idHigh[b]);
        return high != 0 ? high : Long.compareUnsigned(idLow[a], idLow[b]);
    }

    /**
     * Identities to dense indexes by 96 bits of hash of their text: no identity text is kept, and identities are not
     * chosen to collide, so two sharing 96 bits would take far more signers than a campaign has. A slot is two
     * adjacent longs (64 bits of hash; 32 bits of hash and the index + 1), so a look-up reads one cache line.
     */
    private static final class Signers {
        private long[] table = new long[2 << 12];
        private int size;

        int indexOf(String identity) {
            long h = 0xcbf29ce484222325L;
            long l = identity.length();
            for (int i = 0; i < identity.length(); i++) {
                char c = identity.charAt(i);
                h = (h ^ c) * 0x100000001b3L;
                l = Long.rotateLeft(l + c * 0x9e3779b97f4a7c15L, 27) * 0xc2b2ae3d27d4eb4fL;
            }
            h = mix(h);
            long high = mix(l) & 0xffffffff00000000L;
            int mask = table.length / 2 - 1;
            int slot = (int) h & mask;
            while (table[2 * slot + 1] != 0) {
                if (table[2 * slot] == h && (table[2 * slot + 1] & 0xffffffff00000000L) == high) {
                    return (int) table[2 * slot + 1] - 1;
                }
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = h;
            table[2 * slot + 1] = high | ++size;
            if (size * 4 > table.length) {
                rehash();
            }
            return size - 1;
        }

        /** MurmurHash3's finaliser: every input bit moves every output bit. */
        private static long mix(long x) {
            x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
            x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
            return x ^ (x >>> 33);
        }

        int size() {
            return size;
        }

        private void rehash() {
            long[] old = table;
            table = new long[old.length * 2];
            int mask = table.length / 2 - 1;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i + 1] != 0) {
                    int slot = (int) old[i] & mask;
                    while (table[2 * slot + 1] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    table[2 * slot] = old[i];
                    table[2 * slot + 1] = old[i + 1];
                }
            }
        }
    }
}
