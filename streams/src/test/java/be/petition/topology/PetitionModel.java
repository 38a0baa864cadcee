package be.petition.topology;

import be.petition.avro.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The counting rules of DESIGN.md written as plainly as possible, to check the topology against: first signature
 * per signer wins, an event seen before is a redelivery, a withdrawal takes the signature off, the signer may sign
 * again. Feed it the valid events in the order the topology processes them.
 */
public final class PetitionModel {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final DateTimeFormatter UTC_HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private record Counted(String eventId, Channel channel, String region, Instant eventTime) {
    }

    private final Map<String, Counted> counted = new HashMap<>();
    private final Map<String, Set<String>> seen = new HashMap<>();
    public final Map<String, Long> byChannelRegion = new TreeMap<>();
    public final Map<String, Long> byHour = new TreeMap<>();
    public final Map<String, Long> byDay = new TreeMap<>();
    public final Map<String, Long> duplicates = new TreeMap<>();
    public final Map<String, Long> uncountableCalls = new TreeMap<>();
    /** Signer key → event id of the signature that counts now. */
    public final Map<String, String> accepted = new TreeMap<>();

    public void sign(String campaign, String signerKey, String eventId, Channel channel, String region,
                     Instant eventTime) {
        String signer = campaign + "/" + signerKey;
        Set<String> ids = seen.get(signer);
        if (ids != null && ids.contains(eventId)) {
            add(duplicates, campaign + "/" + channel + "/REDELIVERED", 1);
            return;
        }
        seen.computeIfAbsent(signer, s -> new HashSet<>()).add(eventId);
        if (counted.containsKey(signer)) {
            add(duplicates, campaign + "/" + channel + "/REPEAT_SIGNER", 1);
            return;
        }
        Counted signature = new Counted(eventId, channel, region, eventTime);
        counted.put(signer, signature);
        accepted.put(signerKey, eventId);
        count(campaign, signature, 1);
    }

    public void withdraw(String campaign, String signerKey, String eventId) {
        String signer = campaign + "/" + signerKey;
        Set<String> ids = seen.get(signer);
        if (ids == null || !ids.add(eventId)) {
            return;
        }
        Counted signature = counted.remove(signer);
        if (signature != null) {
            accepted.remove(signerKey);
            count(campaign, signature, -1);
        }
    }

    public void uncountableCall(String campaign, String reason) {
        add(uncountableCalls, campaign + "/" + reason, 1);
    }

    public long total() {
        return byChannelRegion.values().stream().mapToLong(Long::longValue).sum();
    }

    private void count(String campaign, Counted signature, int delta) {
        String suffix = "/" + signature.channel() + "/" + signature.region();
        add(byChannelRegion, campaign + suffix, delta);
        // Brussels has whole-hour offsets, so its hours start on UTC hours
        add(byHour, campaign + "/" + UTC_HOUR.format(signature.eventTime().truncatedTo(ChronoUnit.HOURS)) + suffix,
                delta);
        add(byDay, campaign + "/" + LocalDate.ofInstant(signature.eventTime(), BRUSSELS) + suffix, delta);
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
