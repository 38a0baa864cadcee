package be.petition.topology;

import be.petition.avro.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counting rules of DESIGN.md written as plainly as possible, to check the topology against. It only collects
 * the valid events it is told about, in any order, and computes every count from that set at the end: per signer,
 * the latest withdrawal time w; the earliest signature after w counts (tie: the smaller event id); an event id seen
 * again is the same event, at the earliest of its times. Every other signature after w is a repeat (those before w
 * are withdrawn); every delivery of an event id after its first is a redelivery.
 */
public final class PetitionModel {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final DateTimeFormatter UTC_HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private record SignatureEvent(String eventId, Channel channel, String region, Instant eventTime) {
    }

    private static final class Signer {
        final Map<String, SignatureEvent> signatures = new HashMap<>();
        final Map<String, Instant> withdrawals = new HashMap<>();
    }

    private final Map<String, Map<String, Signer>> signers = new TreeMap<>();
    private final Map<String, Long> redeliveries = new TreeMap<>();
    private final Map<String, Long> uncountableCalls = new TreeMap<>();

    public synchronized void sign(String campaign, String signerKey, String eventId, Channel channel, String region,
                                  Instant eventTime) {
        Signer signer = signer(campaign, signerKey);
        SignatureEvent known = signer.signatures.get(eventId);
        if (known != null) {
            add(redeliveries, campaign + "/" + channel + "/REDELIVERED", 1);
            if (!eventTime.isBefore(known.eventTime())) {
                return;
            }
        }
        signer.signatures.put(eventId, new SignatureEvent(eventId, channel, region, eventTime));
    }

    public synchronized void withdraw(String campaign, String signerKey, String eventId, Instant eventTime) {
        signer(campaign, signerKey).withdrawals.merge(eventId, eventTime, (a, b) -> a.isBefore(b) ? a : b);
    }

    public synchronized void uncountableCall(String campaign, String reason) {
        add(uncountableCalls, campaign + "/" + reason, 1);
    }

    /** {@code campaign/signerKey} → event id of the signature that counts. */
    public synchronized Map<String, String> accepted() {
        Map<String, String> accepted = new TreeMap<>();
        forEachCounted((campaign, signerKey, signature) -> accepted.put(campaign + "/" + signerKey,
                signature.eventId()));
        return accepted;
    }

    public synchronized Map<String, Long> byChannelRegion() {
        Map<String, Long> counts = new TreeMap<>();
        forEachCounted((campaign, signerKey, signature) -> add(counts, campaign + suffix(signature), 1));
        return counts;
    }

    public synchronized Map<String, Long> byHour() {
        Map<String, Long> counts = new TreeMap<>();
        // Brussels has whole-hour offsets, so its hours start on UTC hours
        forEachCounted((campaign, signerKey, signature) -> add(counts, campaign + "/"
                + UTC_HOUR.format(signature.eventTime().truncatedTo(ChronoUnit.HOURS)) + suffix(signature), 1));
        return counts;
    }

    public synchronized Map<String, Long> byDay() {
        Map<String, Long> counts = new TreeMap<>();
        forEachCounted((campaign, signerKey, signature) -> add(counts, campaign + "/"
                + LocalDate.ofInstant(signature.eventTime(), BRUSSELS) + suffix(signature), 1));
        return counts;
    }

    /** Redeliveries, and repeats: signatures after the latest withdrawal other than the one counted. */
    public synchronized Map<String, Long> duplicates() {
        Map<String, Long> duplicates = new TreeMap<>(redeliveries);
        signers.forEach((campaign, ofCampaign) -> ofCampaign.forEach((signerKey, signer) -> {
            SignatureEvent counted = counted(signer);
            Instant withdrawnUntil = withdrawnUntil(signer);
            signer.signatures.values().forEach(signature -> {
                if (signature != counted && signature.eventTime().isAfter(withdrawnUntil)) {
                    add(duplicates, campaign + "/" + signature.channel() + "/REPEAT_SIGNER", 1);
                }
            });
        }));
        return duplicates;
    }

    public synchronized Map<String, Long> uncountableCalls() {
        return new TreeMap<>(uncountableCalls);
    }

    public synchronized long total() {
        return byChannelRegion().values().stream().mapToLong(Long::longValue).sum();
    }

    private interface CountedConsumer {
        void accept(String campaign, String signerKey, SignatureEvent signature);
    }

    private void forEachCounted(CountedConsumer consumer) {
        signers.forEach((campaign, ofCampaign) -> ofCampaign.forEach((signerKey, signer) -> {
            SignatureEvent counted = counted(signer);
            if (counted != null) {
                consumer.accept(campaign, signerKey, counted);
            }
        }));
    }

    private static Instant withdrawnUntil(Signer signer) {
        return signer.withdrawals.values().stream().max(Comparator.naturalOrder()).orElse(Instant.MIN);
    }

    private static SignatureEvent counted(Signer signer) {
        Instant withdrawnUntil = withdrawnUntil(signer);
        return signer.signatures.values().stream()
                .filter(signature -> signature.eventTime().isAfter(withdrawnUntil))
                .min(Comparator.comparing(SignatureEvent::eventTime).thenComparing(SignatureEvent::eventId))
                .orElse(null);
    }

    private Signer signer(String campaign, String signerKey) {
        return signers.computeIfAbsent(campaign, c -> new TreeMap<>()).computeIfAbsent(signerKey, k -> new Signer());
    }

    private static String suffix(SignatureEvent signature) {
        return "/" + signature.channel() + "/" + signature.region();
    }

    private static void add(Map<String, Long> counts, String key, long delta) {
        long value = counts.getOrDefault(key, 0L) + delta;
        if (value == 0) {
            counts.remove(key);
        } else {
            counts.put(key, value);
        }
    }
}
