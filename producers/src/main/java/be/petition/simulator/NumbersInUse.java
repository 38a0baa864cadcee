package be.petition.simulator;

/**
 * The 64-bit hashes of the phone numbers drawn so far: an open-addressing table of primitive longs. A
 * {@code HashSet<Long>} held a boxed Long and a map node per simulated person (~60 bytes; 120 MB at 2M people), which
 * the generator's collector copied and marked while it ran.
 */
final class NumbersInUse {
    /** Free slots hold 0; the hash 0 itself is kept aside. */
    private long[] slots = new long[1 << 16];
    private int size;
    private boolean zero;

    /** Adds {@code hash}; false when it was already in. */
    boolean add(long hash) {
        if (hash == 0) {
            boolean added = !zero;
            zero = true;
            return added;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (!insert(slots, hash)) {
            return false;
        }
        size++;
        return true;
    }

    int size() {
        return size + (zero ? 1 : 0);
    }

    private void grow() {
        long[] larger = new long[slots.length * 2];
        for (long hash : slots) {
            if (hash != 0) {
                insert(larger, hash);
            }
        }
        slots = larger;
    }

    /** Linear probing from a slot chosen by the hash's mixed bits (FNV's low bits alone cluster). */
    private static boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        long mixed = hash * 0x9E3779B97F4A7C15L;
        for (int i = (int) (mixed >>> 40) & mask; ; i = (i + 1) & mask) {
            if (table[i] == hash) {
                return false;
            }
            if (table[i] == 0) {
                table[i] = hash;
                return true;
            }
        }
    }
}
