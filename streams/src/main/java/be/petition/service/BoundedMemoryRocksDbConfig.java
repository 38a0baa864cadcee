package be.petition.service;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of this JVM by one shared block cache, which also holds the
 * memtables (through a write-buffer manager) and the index and filter blocks, as in Kafka Streams' memory
 * management guide. The size is {@value #MEMORY_BYTES} from the Streams config, read when the first store opens.
 */
public final class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {
    /** Total bytes for all stores of the JVM: block cache, memtables, index and filter blocks. */
    public static final String MEMORY_BYTES = "petition.rocksdb.memory.bytes";
    public static final long DEFAULT_MEMORY_BYTES = 256L * 1024 * 1024;

    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;
    private static final double MEMTABLE_RATIO = 0.5;
    private static final long BLOCK_SIZE = 4 * 1024L;
    private static final int MEMTABLES = 3;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;
    private static long memtableBytes;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ensureShared(configs);
        BlockBasedTableConfig tableConfig = (BlockBasedTableConfig) options.tableFormatConfig();
        tableConfig.setBlockCache(cache);
        tableConfig.setCacheIndexAndFilterBlocks(true);
        tableConfig.setCacheIndexAndFilterBlocksWithHighPriority(true);
        tableConfig.setPinTopLevelIndexAndFilter(true);
        tableConfig.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(writeBufferManager);
        options.setMaxWriteBufferNumber(MEMTABLES);
        options.setWriteBufferSize(Math.max(1024 * 1024, memtableBytes / MEMTABLES));
        options.setTableFormatConfig(tableConfig);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write-buffer manager are shared by every store of the JVM: never closed per store
    }

    private static synchronized void ensureShared(Map<String, Object> configs) {
        if (cache != null) {
            return;
        }
        Object configured = configs.get(MEMORY_BYTES);
        long total = configured == null ? DEFAULT_MEMORY_BYTES : Long.parseLong(configured.toString().trim());
        if (total < 8L * 1024 * 1024) {
            throw new IllegalArgumentException(MEMORY_BYTES + " must be at least 8 MiB (8388608), not " + total);
        }
        memtableBytes = (long) (total * MEMTABLE_RATIO);
        cache = new LRUCache(total, -1, false, INDEX_FILTER_BLOCK_RATIO);
        writeBufferManager = new WriteBufferManager(memtableBytes, cache);
    }
}
