package be.petition.topology;

import be.petition.avro.Count;
import be.petition.avro.Signature;
import be.petition.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The petition's topology (DESIGN.md Counting):
 * <pre>
 *   calls, web, app, withdrawals (raw bytes, keyed by signer key)
 *     → read-raw → signer-ledger [signers, pending-tallies]: validate, normalise, deduplicate, withdraw
 *         → rejected: original key, bytes and headers → signatures.rejected.v1
 *         → accepted: Signature or tombstone, keyed campaign/signerKey → signatures.accepted.v1
 *         → tallies: summed changes per cell, every flush interval, keyed by count key → count-tallies repartition
 *             → count-aggregator [counts-by-channel-region, counts-by-hour, counts-by-day, duplicates,
 *                                 uncountable-calls, rejected-records] → petition.counts.v1
 * </pre>
 * Records are read as bytes and deserialised in the ledger, so a record that cannot be read is passed on unchanged
 * and the topology never stops on bad input. Every processor, store and internal topic is named.
 */
public final class SignatureTopology {
    static final String READ_RAW = "read-raw";
    static final String LEDGER = "signer-ledger";
    static final String AGGREGATOR = "count-aggregator";
    static final String UNWRAP_REJECTED = "unwrap-rejected";
    static final String UNWRAP_ACCEPTED = "unwrap-accepted";
    static final String UNWRAP_TALLIES = "unwrap-tallies";

    private SignatureTopology() {
    }

    /**
     * Builds the topology. Pure: it only describes the processing.
     *
     * @param settings topics, campaigns and validation rules
     * @param serdeConfig the Avro serde settings ({@code schema.registry.url}, ...), as {@code ServiceConfig.serde()}
     */
    public static Topology buildTopology(TopologySettings settings, Map<String, ?> serdeConfig) {
        return buildTopology(settings, serdeConfig, TopologyObserver.NONE);
    }

    /** As {@link #buildTopology(TopologySettings, Map)}, reporting rejections and counts to {@code observer}. */
    public static Topology buildTopology(TopologySettings settings, Map<String, ?> serdeConfig,
                                         TopologyObserver observer) {
        StreamsBuilder builder = newBuilder();
        Serde<Signature> signatureSerde = Topics.ACCEPTED.valueSerde(serdeConfig);
        Serde<Count> countSerde = Topics.COUNTS.valueSerde(serdeConfig);

        // one source for the four topics: merged streams would pass each record through up to three more nodes
        KStream<byte[], byte[]> input = builder.stream(List.of(settings.callsTopic(), settings.webTopic(),
                settings.appTopic(), settings.withdrawalsTopic()),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(READ_RAW));

        builder.addStateStore(signersStore());
        builder.addStateStore(pendingTalliesStore());
        for (String store : StoreNames.COUNT_STORES) {
            builder.addStateStore(countStore(store));
        }
        KStream<Void, Outcome> outcomes = input.process(() -> new SignerLedger(settings, serdeConfig, observer),
                Named.as(LEDGER), StoreNames.SIGNERS, StoreNames.PENDING_TALLIES);

        // the ledger forwards each outcome to the one child that handles its kind (SignerLedger.forward)
        writeRejected(outcomes, settings);
        writeAccepted(outcomes, settings, signatureSerde);
        count(outcomes, settings, countSerde);
        return builder.build();
    }

    /** Original key and bytes; the ledger put the reason and source in the headers. */
    private static void writeRejected(KStream<Void, Outcome> outcomes, TopologySettings settings) {
        outcomes.map((key, outcome) -> {
            Outcome.Rejected record = (Outcome.Rejected) outcome;
            return KeyValue.pair(record.key(), record.value());
        }, Named.as(UNWRAP_REJECTED)).to(settings.rejectedTopic(),
                Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-rejected"));
    }

    private static void writeAccepted(KStream<Void, Outcome> outcomes, TopologySettings settings,
                                      Serde<Signature> signatureSerde) {
        outcomes.map((key, outcome) -> {
            Outcome.Accepted record = (Outcome.Accepted) outcome;
            return KeyValue.pair(record.key(), record.signature());
        }, Named.as(UNWRAP_ACCEPTED)).to(settings.acceptedTopic(),
                Produced.with(Serdes.String(), signatureSerde).withName("write-accepted"));
    }

    /** Brings every tally of a count key to one task, applies it there and publishes the new channel-region count. */
    private static void count(KStream<Void, Outcome> outcomes, TopologySettings settings, Serde<Count> countSerde) {
        outcomes.map((key, outcome) -> {
            Outcome.Tallied record = (Outcome.Tallied) outcome;
            return KeyValue.pair(record.countKey(), record.tally());
        }, Named.as(UNWRAP_TALLIES))
                .repartition(Repartitioned.with(Serdes.String(), new TallySerde()).withName(StoreNames.COUNT_TALLIES))
                .process(CountAggregator::new, Named.as(AGGREGATOR),
                        StoreNames.COUNT_STORES.toArray(String[]::new))
                .to(settings.countsTopic(), Produced.with(Serdes.String(), countSerde).withName("write-counts"));
    }

    private static StoreBuilder<KeyValueStore<String, SignerState>> signersStore() {
        // no cache: a signer is rarely seen twice, so caching would only copy every record once more
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SIGNERS), Serdes.String(),
                new SignerStateSerde());
    }

    private static StoreBuilder<KeyValueStore<String, Long>> pendingTalliesStore() {
        // in memory and cached: a few hundred cells change between flushes, and only their sums need the changelog
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PENDING_TALLIES), Serdes.String(),
                Serdes.Long()).withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<String, Long>> countStore(String name) {
        // By hour and by day grow with the campaign's length: RocksDB. The others hold at most channels x regions (or
        // reasons) keys: on the heap, which spares four RocksDB instances per counting task, each ~25 ms to open (and
        // fsync) on every start, for a restore of a few hundred keys from the changelog when an instance starts.
        KeyValueBytesStoreSupplier supplier = StoreNames.COUNTS_BY_HOUR.equals(name)
                || StoreNames.COUNTS_BY_DAY.equals(name)
                ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        // cached: a busy count key changes many times per commit, and only the last value needs the changelog
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.Long()).withCachingEnabled();
    }

    /**
     * A builder whose build fails if any internal topic or store would get a generated name (KIP-1111): a generated
     * name changes when the topology changes, which would silently lose state on upgrade. The check reads the
     * application settings given here; Kafka Streams replaces these placeholders with the real ones when it starts.
     */
    static StreamsBuilder newBuilder() {
        Properties placeholder = new Properties();
        placeholder.put(StreamsConfig.APPLICATION_ID_CONFIG, "petition-topology");
        placeholder.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "placeholder:9092");
        placeholder.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        placeholder.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(placeholder)));
    }
}
