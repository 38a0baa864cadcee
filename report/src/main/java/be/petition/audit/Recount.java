package be.petition.audit;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.Channel;
import be.petition.avro.IdentityKind;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.counting.UncountableReason;
import be.petition.geography.Regions;
import be.petition.registry.client.RegistryClientException;
import be.petition.serde.SpecificAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The petition counted again from raw records, by DESIGN.md "Counting", written apart from the topology on purpose:
 * which records count (the checks of the topology's reader, in its order), then per campaign × signer the earliest
 * time of each event id, the latest withdrawal w, and the earliest signature after w (tie: the smaller event id).
 * Records are added in any order; {@link #counts()} may be asked at any time and again after more records.
 */
final class Recount {
    /** Brussels calendar days, as the live counts use. */
    static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    /** As the topology: a longer event id or signer key is rejected (reason field-too-long). */
    static final int MAX_ID_LENGTH = 200;
    private static final ZoneRules RULES = ZONE.getRules();
    private static final Channel[] CHANNELS = Channel.values();
    private static final int REGION_BITS = 12;

    private final AuditSettings settings;
    private final SpecificAvroDeserializer<CallSignature> calls = new SpecificAvroDeserializer<>(CallSignature.class);
    private final SpecificAvroDeserializer<WebSignature> web = new SpecificAvroDeserializer<>(WebSignature.class);
    private final SpecificAvroDeserializer<AppSignature> app = new SpecificAvroDeserializer<>(AppSignature.class);
    private final SpecificAvroDeserializer<Withdrawal> withdrawals = new SpecificAvroDeserializer<>(Withdrawal.class);
    private final Map<String, SignerTable> signers = new LinkedHashMap<>();
    private final Map<String, Integer> regionIds = new HashMap<>();
    private final List<String> regions = new ArrayList<>();
    private final Map<String, Long> notCounted = new TreeMap<>();
    private long records;

    Recount(AuditSettings settings) {
        this.settings = settings;
        calls.configure(settings.serde(), false);
        web.configure(settings.serde(), false);
        app.configure(settings.serde(), false);
        withdrawals.configure(settings.serde(), false);
        settings.campaigns().forEach(campaign -> signers.put(campaign, new SignerTable()));
    }

    /**
     * One raw record as Kafka holds it.
     *
     * @param recordTimestamp the record's Kafka timestamp: the future-time check is made against it (or {@code now},
     *        if earlier), the moment nearest to when the Streams app read the record
     * @throws AuditException when the Schema Registry cannot be asked (the topology would wait, not skip the record)
     */
    void accept(String topic, byte[] key, byte[] value, long recordTimestamp, long now) {
        records++;
        if (value == null) {
            notCounted("MISSING_VALUE");
            return;
        }
        String recordKey = key == null ? null : new String(key, StandardCharsets.UTF_8);
        long latest = Math.min(recordTimestamp < 0 ? now : recordTimestamp, now) + settings.maxFutureSkew().toMillis();
        if (topic.equals(settings.callsTopic())) {
            CallSignature call = decode(calls, topic, value);
            if (call != null) {
                call(call, recordKey, latest);
            }
        } else if (topic.equals(settings.webTopic())) {
            WebSignature signature = decode(web, topic, value);
            if (signature != null) {
                sign(Channel.WEB, signature.getEventId(), signature.getCampaign(), signature.getSignerKey(), recordKey,
                        signature.getRegion(), signature.getEventTime(), latest);
            }
        } else if (topic.equals(settings.appTopic())) {
            AppSignature signature = decode(app, topic, value);
            if (signature != null) {
                sign(Channel.APP, signature.getEventId(), signature.getCampaign(), signature.getSignerKey(), recordKey,
                        signature.getRegion(), signature.getEventTime(), latest);
            }
        } else if (topic.equals(settings.withdrawalsTopic())) {
            Withdrawal withdrawal = decode(withdrawals, topic, value);
            if (withdrawal != null) {
                withdraw(withdrawal, recordKey, latest);
            }
        } else {
            throw new IllegalArgumentException("The audit reads no topic \"" + topic + "\"");
        }
    }

    private void call(CallSignature call, String recordKey, long latest) {
        if (blank(call.getEventId(), call.getCampaign()) || !knownCampaign(call.getCampaign())
                || future(call.getEventTime(), latest)) {
            return;
        }
        if (!settings.countingCallStatuses().contains(call.getStatus())) {
            notCounted(UncountableReason.status(call.getStatus()));
            return;
        }
        if (call.getIdentityKind() == IdentityKind.WITHHELD || call.getSignerKey() == null) {
            notCounted(UncountableReason.WITHHELD);
            return;
        }
        sign(Channel.CALL, call.getEventId(), call.getCampaign(), call.getSignerKey(), recordKey, call.getRegion(),
                call.getEventTime(), latest);
    }

    private void sign(Channel channel, String eventId, String campaign, String signerKey, String recordKey,
                      String region, Instant eventTime, long latest) {
        if (blank(eventId, campaign) || !knownCampaign(campaign) || !keyMatches(signerKey, recordKey)) {
            return;
        }
        if (!Regions.isKnown(region)) {
            notCounted("UNKNOWN_REGION");
            return;
        }
        if (future(eventTime, latest)) {
            return;
        }
        signers.get(campaign).add(signerKey, SignerTable.SIGNATURE, eventId, eventTime.toEpochMilli(),
                cell(channel, region));
    }

    private void withdraw(Withdrawal withdrawal, String recordKey, long latest) {
        if (blank(withdrawal.getEventId(), withdrawal.getCampaign()) || !knownCampaign(withdrawal.getCampaign())
                || !keyMatches(withdrawal.getSignerKey(), recordKey) || future(withdrawal.getEventTime(), latest)) {
            return;
        }
        signers.get(withdrawal.getCampaign()).add(withdrawal.getSignerKey(), SignerTable.WITHDRAWAL,
                withdrawal.getEventId(), withdrawal.getEventTime().toEpochMilli(), 0);
    }

    private boolean blank(String eventId, String campaign) {
        if (eventId == null || eventId.isBlank() || campaign == null || campaign.isBlank()) {
            notCounted("MISSING_FIELD");
            return true;
        }
        if (eventId.length() > MAX_ID_LENGTH) {
            notCounted("FIELD_TOO_LONG");
            return true;
        }
        return false;
    }

    private boolean knownCampaign(String campaign) {
        if (!settings.campaigns().contains(campaign)) {
            notCounted("UNKNOWN_CAMPAIGN");
            return false;
        }
        return true;
    }

    private boolean keyMatches(String signerKey, String recordKey) {
        if (signerKey == null || signerKey.isBlank()) {
            notCounted("MISSING_FIELD");
            return false;
        }
        if (signerKey.length() > MAX_ID_LENGTH) {
            notCounted("FIELD_TOO_LONG");
            return false;
        }
        if (!signerKey.equals(recordKey)) {
            notCounted("KEY_MISMATCH");
            return false;
        }
        return true;
    }

    private boolean future(Instant eventTime, long latest) {
        if (eventTime.toEpochMilli() > latest) {
            notCounted("FUTURE_EVENT_TIME");
            return true;
        }
        return false;
    }

    private <T extends SpecificRecord> T decode(SpecificAvroDeserializer<T> deserializer, String topic, byte[] value) {
        try {
            return deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            RegistryClientException registry = RegistryClientException.in(e);
            if (registry == null) {
                notCounted("CORRUPT_RECORD");
                return null;
            }
            if (!registry.isAboutTheSchema()) {
                throw new AuditException("Cannot read the schema of a record of " + topic + " from the Schema"
                        + " Registry (" + registry.getMessage() + "). Is the registry running? Point"
                        + " schema.registry.url at it.", e);
            }
            notCounted(registry.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND ? "UNKNOWN_SCHEMA"
                    : "INCOMPATIBLE_SCHEMA");
            return null;
        }
    }

    private int cell(Channel channel, String region) {
        Integer id = regionIds.get(region);
        if (id == null) {
            id = regions.size();
            regions.add(region);
            regionIds.put(region, id);
        }
        return channel.ordinal() << REGION_BITS | id;
    }

    private void notCounted(String reason) {
        notCounted.merge(reason, 1L, Long::sum);
    }

    /** Records read so far. */
    long records() {
        return records;
    }

    /** Signers seen so far, over all campaigns. */
    long signers() {
        return signers.values().stream().mapToLong(SignerTable::signers).sum();
    }

    /** Records not counted, by reason (the topology's rejection reasons and uncountable-call reasons). */
    SortedMap<String, Long> notCounted() {
        return new TreeMap<>(notCounted);
    }

    /** Every non-zero count: channel × region, and day × channel × region, per campaign. */
    SortedMap<Cell, Long> counts() {
        SortedMap<Cell, Long> counts = new TreeMap<>();
        signers.forEach((campaign, table) -> {
            Map<Integer, Long> byCell = new HashMap<>();
            Map<Long, Long> byDayCell = new HashMap<>();
            table.forEachCounted((time, cell) -> {
                byCell.merge(cell, 1L, Long::sum);
                long day = Math.floorDiv(Math.floorDiv(time, 1000L)
                        + RULES.getOffset(Instant.ofEpochMilli(time)).getTotalSeconds(), 86_400L);
                byDayCell.merge(day << 32 | cell, 1L, Long::sum);
            });
            byCell.forEach((cell, count) -> counts.put(cell(campaign, null, cell), count));
            byDayCell.forEach((dayCell, count) -> counts.put(
                    cell(campaign, LocalDate.ofEpochDay(dayCell >> 32), (int) (dayCell & 0xFFFFFFFFL)), count));
        });
        return counts;
    }

    private Cell cell(String campaign, LocalDate day, int cell) {
        return new Cell(campaign, day, CHANNELS[cell >>> REGION_BITS].name(),
                regions.get(cell & ((1 << REGION_BITS) - 1)));
    }
}
