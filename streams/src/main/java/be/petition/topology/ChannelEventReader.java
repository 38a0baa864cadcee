package be.petition.topology;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.Channel;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.avro.Signature;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.counting.UncountableReason;
import be.petition.geography.Regions;
import be.petition.registry.client.RegistryClientException;
import be.petition.serde.SpecificAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads one raw record of a channel or withdrawal topic: deserialises it, validates it (DESIGN.md Identity, Regions,
 * Counting) and normalises signatures of every channel into {@link Signature}. Works on bytes so that a record that
 * fails can be passed on unchanged.
 */
final class ChannelEventReader {
    /** Ids and keys are UUIDs and hashes of a few dozen characters; the signer state stores ids with a short length. */
    static final int MAX_ID_LENGTH = 200;
    private final TopologySettings settings;
    private final SpecificAvroDeserializer<CallSignature> calls = new SpecificAvroDeserializer<>(CallSignature.class);
    private final SpecificAvroDeserializer<WebSignature> web = new SpecificAvroDeserializer<>(WebSignature.class);
    private final SpecificAvroDeserializer<AppSignature> app = new SpecificAvroDeserializer<>(AppSignature.class);
    private final SpecificAvroDeserializer<Withdrawal> withdrawals = new SpecificAvroDeserializer<>(Withdrawal.class);

    ChannelEventReader(TopologySettings settings, Map<String, ?> serdeConfig) {
        this.settings = settings;
        calls.configure(serdeConfig, false);
        web.configure(serdeConfig, false);
        app.configure(serdeConfig, false);
        withdrawals.configure(serdeConfig, false);
    }

    /**
     * @param nowMs the current time, for the future-skew check
     * @throws RejectedRecordException when the record cannot be used
     */
    ChannelEvent read(String topic, byte[] key, byte[] value, long nowMs) throws RejectedRecordException {
        if (value == null) {
            throw new RejectedRecordException(RejectionReason.MISSING_VALUE, "the record has no value");
        }
        String signerKey = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (topic.equals(settings.callsTopic())) {
            CallSignature call = deserialize(calls, topic, value);
            return validated(call.getCampaign(), () -> call(call, signerKey, nowMs));
        }
        if (topic.equals(settings.webTopic())) {
            WebSignature web = deserialize(this.web, topic, value);
            return validated(web.getCampaign(), () -> signing(Channel.WEB, web.getEventId(), web.getCampaign(),
                    web.getSignerKey(), signerKey, web.getIdentityKind(), web.getRegion(), web.getLanguage(),
                    web.getEventTime(), web.getReceivedTime(), nowMs));
        }
        if (topic.equals(settings.appTopic())) {
            AppSignature app = deserialize(this.app, topic, value);
            return validated(app.getCampaign(), () -> signing(Channel.APP, app.getEventId(), app.getCampaign(),
                    app.getSignerKey(), signerKey, app.getIdentityKind(), app.getRegion(), app.getLanguage(),
                    app.getEventTime(), app.getReceivedTime(), nowMs));
        }
        if (topic.equals(settings.withdrawalsTopic())) {
            Withdrawal withdrawal = deserialize(withdrawals, topic, value);
            return validated(withdrawal.getCampaign(), () -> {
                require(withdrawal.getEventId(), "eventId");
                checkCampaign(withdrawal.getCampaign());
                checkKey(withdrawal.getSignerKey(), signerKey);
                checkEventTime(withdrawal.getEventTime(), nowMs);
                return new ChannelEvent.Withdrawing(withdrawal);
            });
        }
        throw new IllegalStateException("The topology reads topic \"" + topic + "\" but has no reader for it");
    }

    /** The checks of a decoded record; a rejection names the record's campaign, so that it is tallied there. */
    private interface Validation {
        ChannelEvent run() throws RejectedRecordException;
    }

    private static ChannelEvent validated(String campaign, Validation validation) throws RejectedRecordException {
        try {
            return validation.run();
        } catch (RejectedRecordException e) {
            throw e.of(campaign);
        }
    }

    private ChannelEvent call(CallSignature call, String recordKey, long nowMs) throws RejectedRecordException {
        require(call.getEventId(), "eventId");
        checkCampaign(call.getCampaign());
        checkEventTime(call.getEventTime(), nowMs);
        if (!settings.countingCallStatuses().contains(call.getStatus())) {
            return new ChannelEvent.UncountableCall(call.getCampaign(), UncountableReason.status(call.getStatus()));
        }
        if (call.getIdentityKind() == IdentityKind.WITHHELD || call.getSignerKey() == null) {
            return new ChannelEvent.UncountableCall(call.getCampaign(), UncountableReason.WITHHELD);
        }
        return signing(Channel.CALL, call.getEventId(), call.getCampaign(), call.getSignerKey(), recordKey,
                call.getIdentityKind(), call.getRegion(), Language.UNKNOWN, call.getEventTime(),
                call.getReceivedTime(), nowMs);
    }

    private ChannelEvent signing(Channel channel, String eventId, String campaign, String signerKey, String recordKey,
                                 IdentityKind identityKind, String region, Language language,
                                 Instant eventTime, Instant receivedTime, long nowMs)
            throws RejectedRecordException {
        require(eventId, "eventId");
        checkCampaign(campaign);
        checkKey(signerKey, recordKey);
        if (!Regions.isKnown(region)) {
            throw new RejectedRecordException(RejectionReason.UNKNOWN_REGION,
                    "field \"region\" is not a province, BE-BRU, BE, an ISO 3166-1 country or ZZ");
        }
        checkEventTime(eventTime, nowMs);
        // the constructor rather than the builder: no per-field defaults bookkeeping on the hot path
        return new ChannelEvent.Signing(new Signature(eventId, campaign, signerKey, channel, identityKind, region,
                language, eventTime, receivedTime));
    }

    private static <T extends SpecificRecord> T deserialize(SpecificAvroDeserializer<T> deserializer, String topic,
                                                            byte[] value) throws RejectedRecordException {
        try {
            return deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            RegistryClientException registryError = RegistryClientException.in(e);
            if (registryError == null) {
                throw new RejectedRecordException(RejectionReason.CORRUPT_RECORD, e.getMessage());
            }
            if (!registryError.isAboutTheSchema()) {
                // the registry is down or refuses us: not the record's fault, so fail and retry, never drop
                throw e;
            }
            throw new RejectedRecordException(registryError.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND
                    ? RejectionReason.UNKNOWN_SCHEMA : RejectionReason.INCOMPATIBLE_SCHEMA, e.getMessage());
        }
    }

    private static void require(String value, String field) throws RejectedRecordException {
        if (value == null || value.isBlank()) {
            throw new RejectedRecordException(RejectionReason.MISSING_FIELD, "field \"" + field + "\" is empty");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new RejectedRecordException(RejectionReason.FIELD_TOO_LONG, "field \"" + field + "\" has "
                    + value.length() + " characters, more than " + MAX_ID_LENGTH);
        }
    }

    private void checkCampaign(String campaign) throws RejectedRecordException {
        require(campaign, "campaign");
        if (!settings.campaigns().contains(campaign)) {
            throw new RejectedRecordException(RejectionReason.UNKNOWN_CAMPAIGN, "field \"campaign\" is not a"
                    + " campaign counted here (" + TopologySettings.CAMPAIGNS + "=" + String.join(",",
                    settings.campaigns()) + ")");
        }
    }

    private static void checkKey(String signerKey, String recordKey) throws RejectedRecordException {
        require(signerKey, "signerKey");
        if (!signerKey.equals(recordKey)) {
            throw new RejectedRecordException(RejectionReason.KEY_MISMATCH, recordKey == null
                    ? "the record has no key: raw topics must be keyed by the signer key"
                    : "the record key is not the value's signer key: raw topics must be keyed by the signer key");
        }
    }

    private void checkEventTime(Instant eventTime, long nowMs) throws RejectedRecordException {
        long latest = nowMs + settings.maxFutureSkew().toMillis();
        if (eventTime.toEpochMilli() > latest) {
            throw new RejectedRecordException(RejectionReason.FUTURE_EVENT_TIME, "field \"eventTime\" is more than "
                    + settings.maxFutureSkew() + " after the processing time " + Instant.ofEpochMilli(nowMs) + " ("
                    + TopologySettings.MAX_FUTURE_SKEW + ")");
        }
    }
}
