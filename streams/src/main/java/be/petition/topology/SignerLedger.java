package be.petition.topology;

import be.petition.avro.Signature;
import be.petition.avro.Withdrawal;
import be.petition.topics.RejectedRecord;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides whether a signature counts. Signatures of every channel and withdrawals for one
 * signer key arrive in the same task (all raw topics are keyed by signer key, with the same partition count), so
 * the signers store sees them in order: the first signature wins, later ones are duplicates, a withdrawal takes the
 * counted signature off, and the signer may sign again.
 */
final class SignerLedger implements Processor<byte[], byte[], Void, Outcome> {
    private static final Logger LOG = LoggerFactory.getLogger(SignerLedger.class);

    private final TopologySettings settings;
    private final Map<String, ?> serdeConfig;
    private final TopologyObserver observer;
    private ProcessorContext<Void, Outcome> context;
    private KeyValueStore<String, SignerState> signers;
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
        this.reader = new ChannelEventReader(settings, serdeConfig);
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
            tally(CountKeys.uncountable(call.campaign(), call.reason()), Tally.Kind.UNCOUNTABLE_CALL, 1, 0L,
                    record.timestamp());
        }
    }

    private void sign(Signature signature, long timestamp) {
        String storeKey = signerStoreKey(signature.getCampaign(), signature.getSignerKey());
        SignerState state = signers.get(storeKey);
        String eventId = signature.getEventId();
        if (state != null && (state.hasSeen(eventId) || state.isSigned())) {
            DuplicateKind kind = state.hasSeen(eventId) ? DuplicateKind.REDELIVERED : DuplicateKind.REPEAT_SIGNER;
            if (kind == DuplicateKind.REPEAT_SIGNER) {
                signers.put(storeKey, state.remembering(eventId));
            }
            tally(CountKeys.duplicate(signature.getCampaign(), signature.getChannel(), kind), Tally.Kind.DUPLICATE, 1,
                    0L, timestamp);
            return;
        }
        SignerState.Signed signed = new SignerState.Signed(eventId, signature.getChannel(), signature.getRegion(),
                signature.getEventTime().toEpochMilli());
        signers.put(storeKey, state == null ? SignerState.first(signed) : state.signing(signed));
        context.forward(new Record<>(null,
                new Outcome.Accepted(signature.getSignerKey(), signature), timestamp));
        tally(CountKeys.channelRegion(signature.getCampaign(), signature.getChannel(), signature.getRegion()),
                Tally.Kind.SIGNATURE, 1, signed.eventTime(), timestamp);
    }

    private void withdraw(Withdrawal withdrawal, long timestamp) {
        String storeKey = signerStoreKey(withdrawal.getCampaign(), withdrawal.getSignerKey());
        SignerState state = signers.get(storeKey);
        if (state == null || state.hasSeen(withdrawal.getEventId())) {
            // nobody to remove, or this withdrawal was already applied
            return;
        }
        if (!state.isSigned()) {
            signers.put(storeKey, state.remembering(withdrawal.getEventId()));
            return;
        }
        SignerState.Signed signed = state.signed();
        signers.put(storeKey, state.withdrawing(withdrawal.getEventId()));
        context.forward(new Record<>(null,
                new Outcome.Accepted(withdrawal.getSignerKey(), null), timestamp));
        tally(CountKeys.channelRegion(withdrawal.getCampaign(), signed.channel(), signed.region()),
                Tally.Kind.SIGNATURE, -1, signed.eventTime(), timestamp);
    }

    private void tally(String countKey, Tally.Kind kind, int delta, long eventTime, long timestamp) {
        context.forward(new Record<>(null,
                new Outcome.Tallied(countKey, new Tally(kind, delta, eventTime)), timestamp));
    }

    private void reject(Record<byte[], byte[]> record, RecordMetadata source,
                        RejectedRecordException error) {
        LOG.debug("Rejected a record of {} partition {} offset {}: {} ({})", source.topic(), source.partition(),
                source.offset(), error.reason(), error.getMessage());
        Headers headers = new RejectedRecord(error.reason().code(), error.getMessage(), source.topic(),
                source.partition(), source.offset()).addTo(new RecordHeaders(record.headers().toArray()));
        context.forward(new Record<Void, Outcome>(null,
                new Outcome.Rejected(record.key(), record.value()), record.timestamp(), headers));
        observer.rejected(error.reason().code());
    }

    /** {@code campaign/signerKey}: a person may sign each campaign once. */
    static String signerStoreKey(String campaign, String signerKey) {
        return campaign + CountKeys.SEPARATOR + signerKey;
    }
}
