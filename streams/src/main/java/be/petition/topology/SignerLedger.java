package be.petition.topology;

import be.petition.avro.Channel;
import be.petition.avro.Signature;
import be.petition.avro.Withdrawal;
import be.petition.avro.WithdrawalReason;
import be.petition.topics.RejectionHeaders;
import be.petition.topology.SignerState.SignatureEvent;
import be.petition.topology.SignerState.WithdrawalEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides which signature counts. Signatures of every channel and withdrawals for one signer key
 * arrive in the same task (all raw topics are keyed by signer key, with the same partition count), in whatever
 * interleaving Kafka Streams picks; the signers store keeps each signer's events ({@link SignerState}) so that the
 * counted signature is a function of the set of events (DESIGN.md "Counting"). When it changes, the ledger
 * publishes the new accepted signature (or a tombstone) and moves the signer between cells: -1 there, +1 here.
 *
 * <p>Changes to counts are summed per cell in the {@code pending-tallies} store and sent on every
 * {@code flushInterval}, so the repartition carries one record per changed cell and interval rather than one per
 * signature. The store is changelogged, so sums not yet sent survive a crash; sending and clearing them is part of
 * the same transaction as the input offsets.
 */
final class SignerLedger implements Processor<byte[], byte[], Void, Outcome> {
    private static final Logger LOG = LoggerFactory.getLogger(SignerLedger.class);
    private static final char PENDING_SEPARATOR = '|';
    private static final Tally.Kind[] KINDS = Tally.Kind.values();
    private static final Channel[] CHANNELS = Channel.values();

    private final TopologySettings settings;
    private final Map<String, ?> serdeConfig;
    private final TopologyObserver observer;
    private ProcessorContext<Void, Outcome> context;
    private KeyValueStore<String, SignerState> signers;
    private KnownSigners known;
    private KeyValueStore<String, Long> pending;
    /** The pending store's contents, so that a change needs no read of the store (its cache) to learn the sum. */
    private final Map<String, Long> pendingSums = new HashMap<>();
    private ChannelEventReader reader;

    SignerLedger(TopologySettings settings, Map<String, ?> serdeConfig, TopologyObserver observer) {
        this.settings = settings;
        this.serdeConfig = serdeConfig;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<Void, Outcome> context) {
        this.context = context;
        this.signers = context.getStateStore(StoreNames.SIGNERS);
        this.known = knownSigners(context, signers);
        this.pending = context.getStateStore(StoreNames.PENDING_TALLIES);
        pendingSums.clear();
        try (KeyValueIterator<String, Long> all = pending.all()) {
            all.forEachRemaining(sum -> pendingSums.put(sum.key, sum.value));
        }
        this.reader = new ChannelEventReader(settings, serdeConfig);
        Duration interval = settings.tallyFlushInterval();
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> flushTallies());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        ChannelEvent event;
        try {
            event = reader.read(source.topic(), record.key(), record.value(), context.currentSystemTimeMs());
        } catch (RejectedRecordException e) {
            reject(record, source, e);
            return;
        }
        if (event instanceof ChannelEvent.Signing signing) {
            sign(signing.signature(), record.timestamp());
        } else if (event instanceof ChannelEvent.Withdrawing withdrawing) {
            withdraw(withdrawing.withdrawal(), record.timestamp());
        } else if (event instanceof ChannelEvent.UncountableCall call) {
            addPending(Tally.Kind.UNCOUNTABLE_CALL, CountKeys.uncountable(call.campaign(), call.reason()), 0, 1);
        }
    }

    private void sign(Signature signature, long timestamp) {
        String campaign = signature.getCampaign();
        String storeKey = signerStoreKey(campaign, signature.getSignerKey());
        SignerState state = lookUp(storeKey);
        if (state.knowsSignature(signature.getEventId())) {
            addPending(Tally.Kind.DUPLICATE, CountKeys.duplicate(campaign, signature.getChannel(),
                    DuplicateKind.REDELIVERED), 0, 1);
        }
        settle(campaign, signature.getSignerKey(), storeKey, state,
                state.withSignature(SignatureEvent.of(signature)), timestamp);
    }

    private void withdraw(Withdrawal withdrawal, long timestamp) {
        String storeKey = signerStoreKey(withdrawal.getCampaign(), withdrawal.getSignerKey());
        SignerState state = lookUp(storeKey);
        SignerState withdrawn = state.withWithdrawal(
                new WithdrawalEvent(withdrawal.getEventId(), withdrawal.getEventTime().toEpochMilli()));
        if (withdrawal.getReason() == WithdrawalReason.ERASURE_REQUEST) {
            // counted and repeats depend only on what erased() keeps, so settle moves the cells as for any withdrawal
            withdrawn = withdrawn.erased();
        }
        settle(withdrawal.getCampaign(), withdrawal.getSignerKey(), storeKey, state, withdrawn, timestamp);
    }

    /**
     * Stores the signer's new state, updates the repeats, and when another signature (or none) counts now, moves the
     * signer's cell.
     */
    private void settle(String campaign, String signerKey, String storeKey, SignerState before, SignerState after,
                        long timestamp) {
        if (after == before) {
            return;
        }
        signers.put(storeKey, after);
        known.add(storeKey);
        int[] repeatsBefore = before.repeatsByChannel();
        int[] repeatsAfter = after.repeatsByChannel();
        for (int channel = 0; channel < repeatsAfter.length; channel++) {
            if (repeatsAfter[channel] != repeatsBefore[channel]) {
                addPending(Tally.Kind.DUPLICATE, CountKeys.duplicate(campaign, CHANNELS[channel],
                        DuplicateKind.REPEAT_SIGNER), 0, repeatsAfter[channel] - repeatsBefore[channel]);
            }
        }
        SignatureEvent wasCounted = before.counted();
        SignatureEvent counted = after.counted();
        if (Objects.equals(wasCounted, counted)) {
            return;
        }
        if (wasCounted != null) {
            countSignature(campaign, wasCounted, -1);
        }
        if (counted != null) {
            countSignature(campaign, counted, 1);
        }
        // a signer moving between cells is neither a new signature nor a withdrawal for the metrics
        if (wasCounted == null || counted == null) {
            SignatureEvent changed = counted != null ? counted : wasCounted;
            observer.counted(changed.channel().name(), counted != null ? 1 : -1, changed.eventTime(),
                    context.currentSystemTimeMs());
        }
        context.forward(new Record<Void, Outcome>(null, new Outcome.Accepted(storeKey,
                counted == null ? null : counted.toSignature(campaign, signerKey)), timestamp),
                SignatureTopology.UNWRAP_ACCEPTED);
    }

    private void countSignature(String campaign, SignatureEvent signature, int delta) {
        long hour = CountKeys.hourStart(signature.eventTime());
        addPending(Tally.Kind.SIGNATURE, CountKeys.channelRegion(campaign, signature.channel(), signature.region()),
                hour, delta);
    }

    private void addPending(Tally.Kind kind, String countKey, long hour, int delta) {
        String key = kind.ordinal() + String.valueOf(PENDING_SEPARATOR) + hour + PENDING_SEPARATOR + countKey;
        // a sum back at 0 leaves both (null removes it from the map, and deletes it from the store)
        Long updated = pendingSums.merge(key, (long) delta, (sum, change) -> sum + change == 0 ? null : sum + change);
        pending.put(key, updated);
    }

    /** Sends every cell's summed change on, keyed by its count key, and clears the sums. */
    private void flushTallies() {
        // in key order, as the store would give them: the same input sends the same records
        for (Map.Entry<String, Long> sum : new TreeMap<>(pendingSums).entrySet()) {
            String key = sum.getKey();
            pending.delete(key);
            int kindEnd = key.indexOf(PENDING_SEPARATOR);
            int hourEnd = key.indexOf(PENDING_SEPARATOR, kindEnd + 1);
            Tally.Kind kind = KINDS[Integer.parseInt(key, 0, kindEnd, 10)];
            long hour = Long.parseLong(key, kindEnd + 1, hourEnd, 10);
            context.forward(new Record<Void, Outcome>(null, new Outcome.Tallied(key.substring(hourEnd + 1),
                    new Tally(kind, Math.toIntExact(sum.getValue()), hour)), context.currentSystemTimeMs()),
                    SignatureTopology.UNWRAP_TALLIES);
        }
        pendingSums.clear();
    }

    private void reject(Record<byte[], byte[]> record, RecordMetadata source,
                        RejectedRecordException error) {
        LOG.debug("Rejected a record of {} partition {} offset {}: {} ({})", source.topic(), source.partition(),
                source.offset(), error.reason(), error.getMessage());
        Headers headers = new RejectionHeaders(error.reason().code(), error.getMessage(), source.topic(),
                source.partition(), source.offset()).addTo(new RecordHeaders(record.headers().toArray()));
        context.forward(new Record<Void, Outcome>(null,
                new Outcome.Rejected(record.key(), record.value()), record.timestamp(), headers),
                SignatureTopology.UNWRAP_REJECTED);
        observer.rejected(error.reason().code());
        // an unreadable record or an unknown campaign must not make a store key of whatever the record says
        String campaign = settings.campaigns().contains(error.campaign()) ? error.campaign()
                : settings.defaultCampaign();
        addPending(Tally.Kind.REJECTED_RECORD, CountKeys.rejected(campaign, error.reason()), 0, 1);
    }

    private SignerState lookUp(String storeKey) {
        if (!known.mightContain(storeKey)) {
            return SignerState.EMPTY;
        }
        SignerState state = signers.get(storeKey);
        return state == null ? SignerState.EMPTY : state;
    }

    /** Every key of the task's signers store, read once when the task starts (its store restored by then). */
    private static KnownSigners knownSigners(ProcessorContext<Void, Outcome> context,
                                             KeyValueStore<String, SignerState> signers) {
        long started = System.nanoTime();
        KnownSigners known = new KnownSigners(signers.approximateNumEntries());
        long read = 0;
        try (KeyValueIterator<String, SignerState> all = signers.all()) {
            for (; all.hasNext(); read++) {
                known.add(all.next().key);
            }
        }
        if (read > 0) {
            LOG.info("Task {} read the {} signer keys of its store in {} ms ({} KiB of filter)", context.taskId(),
                    read, (System.nanoTime() - started) / 1_000_000, known.bytes() / 1024);
        }
        return known;
    }

    /** {@code campaign/signerKey}: a person may sign each campaign once. */
    static String signerStoreKey(String campaign, String signerKey) {
        return campaign + CountKeys.SEPARATOR + signerKey;
    }
}
