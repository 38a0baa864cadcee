package be.petition.query;

import be.petition.topology.StoreNames;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/** The stores of one instance, with the counts of two campaigns, as tests of the read side want them. */
public final class FixedCounts implements CountSource {
    private final Map<String, NavigableMap<String, Long>> stores = new TreeMap<>();
    private final Set<String> stale = new HashSet<>();

    public FixedCounts() {
        put(StoreNames.COUNTS_BY_CHANNEL_REGION, "glenn-2023/WEB/BE-VAN", 12, "glenn-2023/CALL/BE-VAN", 3,
                "glenn-2023/APP/BE-WLG", 5, "glenn-2023/WEB/BE-BRU", 4, "glenn-2023/CALL/NL", 2,
                "glenn-2023/WEB/ZZ", 1, "glenn-2023/APP/BE", 2, "other-2024/WEB/BE-VAN", 7);
        put(StoreNames.COUNTS_BY_HOUR, "glenn-2023/2023-11-20T08:00Z/WEB/BE-VAN", 2,
                "glenn-2023/2023-11-20T08:00Z/CALL/BE-VAN", 1, "glenn-2023/2023-11-21T23:00Z/APP/BE-WLG", 3,
                "glenn-2023/2023-11-22T09:00Z/WEB/BE-BRU", 1, "other-2024/2023-11-22T09:00Z/WEB/BE-BRU", 9);
        put(StoreNames.COUNTS_BY_DAY, "glenn-2023/2023-11-20/WEB/BE-VAN", 5, "glenn-2023/2023-11-20/CALL/NL", 1,
                "glenn-2023/2023-11-20/CALL/BE-VAN", 2, "glenn-2023/2023-11-22/APP/BE-WLG", 2,
                "other-2024/2023-11-22/APP/BE-WLG", 8,
                // no real region looks like these; the CSV must keep them text all the same
                "other-2024/2023-11-21/WEB/=HYPERLINK(\"evil.example\",\"x\")", 1, "other-2024/2023-11-21/CALL/@SUM(1+1)", 2,
                "other-2024/2023-11-21/APP/-2+3", 3, "other-2024/2023-11-21/APP/+32\tcmd", 4);
        put(StoreNames.DUPLICATES, "glenn-2023/WEB/REDELIVERED", 4, "glenn-2023/CALL/REPEAT_SIGNER", 2,
                "glenn-2023/APP/REDELIVERED", 1);
        put(StoreNames.UNCOUNTABLE_CALLS, "glenn-2023/WITHHELD", 5, "glenn-2023/STATUS_BUSY", 1);
        put(StoreNames.REJECTED_RECORDS, "glenn-2023/unknown-region", 3, "glenn-2023/corrupt-record", 1,
                "other-2024/unknown-region", 6);
    }

    private void put(String store, Object... keysAndCounts) {
        NavigableMap<String, Long> counts = stores.computeIfAbsent(store, s -> new TreeMap<>());
        for (int i = 0; i < keysAndCounts.length; i += 2) {
            counts.put((String) keysAndCounts[i], ((Integer) keysAndCounts[i + 1]).longValue());
        }
    }

    /** From now on, reads of {@code store} say they are stale. */
    public void makeStale(String store) {
        stale.add(store);
    }

    @Override
    public CountRead read(String store, String from, String to) {
        return new CountRead(new TreeMap<>(stores.getOrDefault(store, new TreeMap<>()).subMap(from, to)),
                stale.contains(store));
    }

    @Override
    public CountRead get(String store, String key) {
        Long count = stores.getOrDefault(store, new TreeMap<>()).get(key);
        return new CountRead(count == null ? Map.of() : Map.of(key, count), stale.contains(store));
    }
}
