package be.petition.bench;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The yardstick: the least a Kafka Streams job must do to count signers once per channel. Reads the raw signature
 * topics as bytes, keeps the first record of each signer key in a RocksDB store, re-keys it by its topic and
 * counts per topic (a repartition and a RocksDB count store). No validation, no withdrawals, no Avro.
 */
final class ReferenceTopology {
    static final String SIGNERS = "ref-signers";
    static final String COUNTS = "ref-counts";
    static final String BY_CHANNEL = "ref-by-channel";
    private static final byte[] SEEN = new byte[0];

    private ReferenceTopology() {
    }

    /** {@code props} must be the ones the job runs with: the explicit-naming check reads them. */
    static Topology build(List<String> signatureTopics, Properties props) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        // no cache, as the petition's signer store: a signer is rarely seen twice
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SIGNERS), Serdes.Bytes(),
                Serdes.ByteArray()));
        builder.stream(signatureTopics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("ref-read"))
                .process(FirstSignature::new, Named.as("ref-first-signature"), SIGNERS)
                .groupByKey(Grouped.with(BY_CHANNEL, Serdes.String(), Serdes.ByteArray()))
                .count(Named.as("ref-count"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(COUNTS)
                        .withKeySerde(Serdes.String()));
        return builder.build();
    }

    /** Forwards the first record of each signer key, keyed by the topic it came from; drops keyless records. */
    private static final class FirstSignature implements Processor<byte[], byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<Bytes, byte[]> seen;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.seen = context.getStateStore(SIGNERS);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (record.key() != null && seen.putIfAbsent(Bytes.wrap(record.key()), SEEN) == null) {
                String topic = context.recordMetadata().orElseThrow().topic();
                context.forward(record.withKey(topic).withValue(SEEN));
            }
        }
    }
}
