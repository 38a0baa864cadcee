package be.petition.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys one ledger task's signers store may hold, as a Bloom filter on the heap. Most signatures come from a signer
 * the store has never seen, and a RocksDB lookup that finds nothing is the dearest step of the ledger (it searches
 * every memtable and file's filter, and RocksJava signals "not found" with an exception); a key this filter has not
 * seen is certainly not in the store, so the ledger skips that lookup. A key it has not seen seems known to it once in
 * 100 (one full layer) to 20 (ten million keys in five layers): the ledger then looks it up as before, so the filter
 * changes the cost, never the counts.
 *
 * <p>It must see every key the store holds: the ledger fills it from the store when its task starts (after the store
 * is restored) and adds every key it writes. It grows by layers, each with room for as many keys as all before it, so
 * it never needs to be rebuilt: 1.5 bytes per signer plus up to as much again of spare room (at least 1.5 MiB).
 */
final class KnownSigners {
    static final long MIN_CAPACITY = 1 << 20;
    private static final long MAX_FIRST_CAPACITY = 1 << 24;
    private static final int BITS_PER_KEY = 12;

    private final List<long[]> layers = new ArrayList<>();
    private long capacity;
    private long inLastLayer;
    private long size;
    private String lastKey;
    private long lastHash;

    /**
     * A filter with room for {@code expected} keys before it adds a layer: at least {@link #MIN_CAPACITY}, and at most
     * 16M (24 MiB), since an estimate (RocksDB's counts overwritten keys too) may be far off.
     */
    KnownSigners(long expected) {
        addLayer(Math.min(Math.max(MIN_CAPACITY, expected), MAX_FIRST_CAPACITY));
    }

    /** False: the store certainly does not hold {@code key}. True: it may. */
    boolean mightContain(String key) {
        return mightContain(hashOf(key));
    }

    void add(String key) {
        long hash = hashOf(key);
        if (mightContain(hash)) {
            return;
        }
        if (inLastLayer == capacity) {
            addLayer(size);
        }
        long[] layer = layers.get(layers.size() - 1);
        layer[index(hash, layer.length)] |= mask(hash);
        inLastLayer++;
        size++;
    }

    /** Keys added (a key the filter already seemed to hold is not counted again). */
    long size() {
        return size;
    }

    long bytes() {
        return layers.stream().mapToLong(layer -> layer.length * (long) Long.BYTES).sum();
    }

    private boolean mightContain(long hash) {
        long mask = mask(hash);
        for (long[] layer : layers) {
            if ((layer[index(hash, layer.length)] & mask) == mask) {
                return true;
            }
        }
        return false;
    }

    /** The ledger asks about a key and then adds the same String: hashed once. */
    private long hashOf(String key) {
        if (key != lastKey) {
            lastKey = key;
            lastHash = hash(key);
        }
        return lastHash;
    }

    private void addLayer(long keys) {
        long words = Math.max(1, keys * BITS_PER_KEY / Long.SIZE);
        layers.add(new long[Math.toIntExact(words)]);
        capacity = keys;
        inLastLayer = 0;
    }

    /** A key's bits all lie in one word: one memory access per layer, at a slightly higher false-positive rate. */
    private static int index(long hash, int words) {
        return (int) (((hash >>> 32) * words) >>> 32);
    }

    private static long mask(long hash) {
        return 1L << (hash & 63) | 1L << ((hash >>> 6) & 63) | 1L << ((hash >>> 12) & 63)
                | 1L << ((hash >>> 18) & 63);
    }

    /** FNV-1a over the characters, then MurmurHash3's finaliser so that every bit depends on every character. */
    static long hash(String key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }
}
