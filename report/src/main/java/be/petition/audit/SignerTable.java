package be.petition.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every signer of one campaign with the events the count depends on, in primitive arrays: about 60 bytes for a
 * signer with one signature (16 for the key's hash, 32 for the event, the rest index), so 10 million signers fit in
 * about 600 MB of heap.
 *
 * <p>A signer is known by a 128-bit hash of its signer key ({@link #hash}): two of 10 million signers share one with
 * a probability near 10^-25, far below any other source of error. Each event is kept once per event id (signatures
 * and withdrawals apart, as DESIGN.md "Counting" treats them), at the earliest time any of its deliveries carried.
 * Event ids in the canonical lower-case UUID form the gateway writes are kept as two longs; any other id is kept as
 * its string.
 */
final class SignerTable {
    static final int NONE = -1;
    /** {@link #add} kinds. */
    static final int SIGNATURE = 0;
    static final int WITHDRAWAL = 1;

    private static final int PAGE_BITS = 15;
    private static final int PAGE_MASK = (1 << PAGE_BITS) - 1;
    private static final int KIND_BIT = 1 << 30;
    private static final int STRING_ID_BIT = 1 << 29;
    private static final int CELL_MASK = (1 << 29) - 1;

    private final LongPages keyHi = new LongPages();
    private final LongPages keyLo = new LongPages();
    private final IntPages head = new IntPages();
    private final LongPages eventTime = new LongPages();
    private final LongPages idHi = new LongPages();
    private final LongPages idLo = new LongPages();
    /** kind bit, string-id bit, then the cell (channel and region) of a signature. */
    private final IntPages meta = new IntPages();
    private final IntPages next = new IntPages();
    private final List<String> stringIds = new ArrayList<>();
    private int[] index = new int[1 << 16];
    private int signers;
    private int events;

    int signers() {
        return signers;
    }

    int events() {
        return events;
    }

    /**
     * Adds one delivery of an event. A signature's cell is its channel and region ({@link Recount} numbers them);
     * a withdrawal has none. A known event id keeps the earlier of its times, and the cell that came with it.
     */
    void add(String signerKey, int kind, String eventId, long time, int cell) {
        long[] hash = hash(signerKey);
        int signer = signer(hash[0], hash[1]);
        int flags = kind == WITHDRAWAL ? KIND_BIT : 0;
        long[] uuid = uuid(eventId);
        if (uuid == null) {
            flags |= STRING_ID_BIT;
        }
        for (int e = head.get(signer); e != NONE; e = next.get(e)) {
            int m = meta.get(e);
            if ((m & KIND_BIT) == (flags & KIND_BIT) && sameId(m, e, uuid, eventId)) {
                if (time < eventTime.get(e)) {
                    eventTime.set(e, time);
                    meta.set(e, flags | cell);
                }
                return;
            }
        }
        int e = events++;
        eventTime.set(e, time);
        idHi.set(e, uuid != null ? uuid[0] : stringId(eventId));
        idLo.set(e, uuid != null ? uuid[1] : 0);
        meta.set(e, flags | cell);
        next.set(e, head.get(signer));
        head.set(signer, e);
    }

    /** Calls {@code counted} with the time and cell of every signer's counted signature (DESIGN.md "Counting"). */
    void forEachCounted(CountedSignature counted) {
        for (int s = 0; s < signers; s++) {
            long withdrawnUntil = Long.MIN_VALUE;
            for (int e = head.get(s); e != NONE; e = next.get(e)) {
                if ((meta.get(e) & KIND_BIT) != 0) {
                    withdrawnUntil = Math.max(withdrawnUntil, eventTime.get(e));
                }
            }
            int best = NONE;
            for (int e = head.get(s); e != NONE; e = next.get(e)) {
                if ((meta.get(e) & KIND_BIT) == 0 && eventTime.get(e) > withdrawnUntil
                        && (best == NONE || earlier(e, best))) {
                    best = e;
                }
            }
            if (best != NONE) {
                counted.accept(eventTime.get(best), meta.get(best) & CELL_MASK);
            }
        }
    }

    @FunctionalInterface
    interface CountedSignature {
        void accept(long eventTime, int cell);
    }

    /** Event time, then event id as a string (String.compareTo, as the topology orders them). */
    private boolean earlier(int a, int b) {
        long ta = eventTime.get(a);
        long tb = eventTime.get(b);
        if (ta != tb) {
            return ta < tb;
        }
        int ma = meta.get(a);
        int mb = meta.get(b);
        if ((ma & STRING_ID_BIT) == 0 && (mb & STRING_ID_BIT) == 0) {
            // canonical lower-case UUIDs order as strings exactly as their bits do, unsigned
            int high = Long.compareUnsigned(idHi.get(a), idHi.get(b));
            return high != 0 ? high < 0 : Long.compareUnsigned(idLo.get(a), idLo.get(b)) < 0;
        }
        return idString(a).compareTo(idString(b)) < 0;
    }

    private String idString(int e) {
        if ((meta.get(e) & STRING_ID_BIT) != 0) {
            return stringIds.get((int) idHi.get(e));
        }
        return new UUID(idHi.get(e), idLo.get(e)).toString();
    }

    /** Whether event {@code e} has this id: {@code uuid} is the id's bits, or null when it is not a UUID. */
    private boolean sameId(int m, int e, long[] uuid, String eventId) {
        if (((m & STRING_ID_BIT) == 0) != (uuid != null)) {
            return false;
        }
        if (uuid == null) {
            return stringIds.get((int) idHi.get(e)).equals(eventId);
        }
        return idHi.get(e) == uuid[0] && idLo.get(e) == uuid[1];
    }

    private long stringId(String eventId) {
        stringIds.add(eventId);
        return stringIds.size() - 1;
    }

    /** The signer's number, added when new. Open addressing, linear probing, at most 3/4 full. */
    private int signer(long hi, long lo) {
        int mask = index.length - 1;
        for (int slot = (int) (hi ^ (hi >>> 32)) & mask; ; slot = (slot + 1) & mask) {
            int entry = index[slot];
            if (entry == 0) {
                int signer = signers++;
                keyHi.set(signer, hi);
                keyLo.set(signer, lo);
                head.set(signer, NONE);
                index[slot] = signer + 1;
                if (signers > index.length / 4 * 3) {
                    grow();
                }
                return signer;
            }
            if (keyHi.get(entry - 1) == hi && keyLo.get(entry - 1) == lo) {
                return entry - 1;
            }
        }
    }

    private void grow() {
        int[] bigger = new int[index.length * 2];
        int mask = bigger.length - 1;
        for (int signer = 0; signer < signers; signer++) {
            long hi = keyHi.get(signer);
            int slot = (int) (hi ^ (hi >>> 32)) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = signer + 1;
        }
        index = bigger;
    }

    /** A canonical lower-case UUID as {most, least} significant bits; null for any other string. */
    static long[] uuid(String id) {
        if (id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-'
                || id.charAt(23) != '-') {
            return null;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            char c = id.charAt(i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                value = c - 'a' + 10;
            } else {
                return null;
            }
            if (digits < 16) {
                hi = hi << 4 | value;
            } else {
                lo = lo << 4 | value;
            }
            digits++;
        }
        return new long[] {hi, lo};
    }

    /** A 128-bit hash of a string's chars (MurmurHash3 x64-128 mixing, over 16-bit chars). */
    static long[] hash(String s) {
        final long c1 = 0x87c37b91114253d5L;
        final long c2 = 0x4cf5ad432745937fL;
        long h1 = 0x9368e53c2f6af274L;
        long h2 = 0x586dcd208f7cd3fdL;
        int length = s.length();
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long k1 = chars(s, i, 4);
            long k2 = chars(s, i + 4, 4);
            k1 *= c1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= c2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= c2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= c1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int rest = length - i;
        if (rest > 0) {
            long k1 = chars(s, i, Math.min(rest, 4));
            long k2 = rest > 4 ? chars(s, i + 4, rest - 4) : 0;
            k2 *= c2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= c1;
            h2 ^= k2;
            k1 *= c1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= c2;
            h1 ^= k1;
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = mix(h1);
        h2 = mix(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long chars(String s, int from, int count) {
        long value = 0;
        for (int j = count - 1; j >= 0; j--) {
            value = value << 16 | s.charAt(from + j);
        }
        return value;
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /**
     * A growable long array in pages of 32K: no large copies as it grows, and each page (256 KB) under half of G1's
     * smallest region, so none is a humongous object that would waste the rest of its region.
     */
    private static final class LongPages {
        private long[][] pages = new long[16][];

        long get(int i) {
            return pages[i >>> PAGE_BITS][i & PAGE_MASK];
        }

        void set(int i, long value) {
            int page = i >>> PAGE_BITS;
            if (page >= pages.length) {
                pages = java.util.Arrays.copyOf(pages, pages.length * 2);
            }
            if (pages[page] == null) {
                pages[page] = new long[1 << PAGE_BITS];
            }
            pages[page][i & PAGE_MASK] = value;
        }
    }

    private static final class IntPages {
        private int[][] pages = new int[16][];

        int get(int i) {
            return pages[i >>> PAGE_BITS][i & PAGE_MASK];
        }

        void set(int i, int value) {
            int page = i >>> PAGE_BITS;
            if (page >= pages.length) {
                pages = java.util.Arrays.copyOf(pages, pages.length * 2);
            }
            if (pages[page] == null) {
                pages[page] = new int[1 << PAGE_BITS];
            }
            pages[page][i & PAGE_MASK] = value;
        }
    }
}
