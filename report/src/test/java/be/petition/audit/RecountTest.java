package be.petition.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.avro.WebSignature;
import be.petition.config.ServiceConfig;
import be.petition.serde.SpecificAvroSerializer;
import be.petition.topics.Topics;
import be.petition.topology.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The recount's rules (DESIGN.md "Counting"), on records serialised exactly as the gateway writes them. */
class RecountTest {
    private static final String CAMPAIGN = Events.CAMPAIGN;
    private static final Instant T = Instant.parse("2023-11-21T10:00:00Z");
    private static final long NOW = Instant.parse("2023-12-20T10:00:00Z").toEpochMilli();

    private final String registry = "mock://recount-" + UUID.randomUUID();
    private final SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
    private final AuditSettings settings = settings(registry);

    RecountTest() {
        serializer.configure(Map.of("schema.registry.url", registry), false);
    }

    static AuditSettings settings(String registry) {
        return AuditSettings.from(ServiceConfig.load(AuditSettings.DEFAULTS_RESOURCE, null, Map.of(),
                Map.of("schema.registry.url", registry)));
    }

    /** A record as Kafka would hand it to the audit. */
    private record Raw(String topic, String key, SpecificRecord value) {
    }

    private static Raw web(String id, String key, String region, Instant at) {
        return new Raw(Topics.WEB.name(), key, Events.web(id, key, region, at));
    }

    private static Raw call(String id, String key, String region, Instant at) {
        return new Raw(Topics.CALLS.name(), key, Events.call(id, key, region, at));
    }

    private static Raw app(String id, String key, String region, Instant at) {
        return new Raw(Topics.APP.name(), key, Events.app(id, key, region, at));
    }

    private static Raw withdrawal(String id, String key, Instant at) {
        return new Raw(Topics.WITHDRAWALS.name(), key, Events.withdrawal(id, key, at));
    }

    private Recount recount(List<Raw> records) {
        Recount recount = new Recount(settings);
        for (Raw raw : records) {
            recount.accept(raw.topic(), raw.key() == null ? null : raw.key().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(raw.topic(), raw.value()), NOW, NOW);
        }
        return recount;
    }

    private SortedMap<Cell, Long> counts(Raw... records) {
        return recount(List.of(records)).counts();
    }

    private static Cell cell(String channel, String region) {
        return new Cell(CAMPAIGN, null, channel, region);
    }

    private static Cell day(String day, String channel, String region) {
        return new Cell(CAMPAIGN, LocalDate.parse(day), channel, region);
    }

    @Test
    void aSignatureCountsInItsChannelRegionAndDay() {
        assertThat(counts(web("e1", "s1", "BE-VAN", T), call("e2", "s2", "BE-WLG", T)))
                .containsOnly(entry(cell("WEB", "BE-VAN"), 1L), entry(day("2023-11-21", "WEB", "BE-VAN"), 1L),
                        entry(cell("CALL", "BE-WLG"), 1L), entry(day("2023-11-21", "CALL", "BE-WLG"), 1L));
    }

    @Test
    void oneSignerCountsOnceAcrossChannelsTheEarliestSignatureWins() {
        assertThat(counts(web("e1", "s1", "BE-VAN", T.plusSeconds(60)), app("e2", "s1", "BE-BRU", T),
                call("e3", "s1", "BE-WLG", T.plusSeconds(120))))
                .containsOnly(entry(cell("APP", "BE-BRU"), 1L), entry(day("2023-11-21", "APP", "BE-BRU"), 1L));
    }

    @Test
    void theCountsAreTheSameInEveryOrderOfTheSameEvents() {
        // s1 signs on the web, withdraws, signs again by phone; s2 signs twice, once redelivered; s3 withdraws first
        List<Raw> events = new ArrayList<>(List.of(
                web("a1", "s1", "BE-VAN", T), withdrawal("a2", "s1", T.plusSeconds(10)),
                call("a3", "s1", "BE-WLG", T.plusSeconds(20)), app("a4", "s1", "BE-BRU", T.plusSeconds(30)),
                web("b1", "s2", "BE-VOV", T.plusSeconds(5)), web("b1", "s2", "BE-VOV", T.plusSeconds(5)),
                app("b2", "s2", "BE-WNA", T.plusSeconds(1)),
                withdrawal("c1", "s3", T.minusSeconds(5)), web("c2", "s3", "BE-WHT", T)));
        SortedMap<Cell, Long> expected = recount(events).counts();
        assertThat(expected).containsOnly(entry(cell("CALL", "BE-WLG"), 1L), entry(cell("APP", "BE-WNA"), 1L),
                entry(cell("WEB", "BE-WHT"), 1L), entry(day("2023-11-21", "CALL", "BE-WLG"), 1L),
                entry(day("2023-11-21", "APP", "BE-WNA"), 1L), entry(day("2023-11-21", "WEB", "BE-WHT"), 1L));
        Random random = new Random(14);
        for (int i = 0; i < 200; i++) {
            Collections.shuffle(events, random);
            assertThat(recount(events).counts()).as("order %s", events).isEqualTo(expected);
        }
    }

    @Test
    void aRedeliveryKeepsTheEarliestTimeSoAWithdrawnSignatureDoesNotSignAgain() {
        // the first delivery is before the withdrawal; a retry of the same event after it is the same, withdrawn event
        assertThat(counts(web("e1", "s1", "BE-VAN", T), withdrawal("w1", "s1", T.plusSeconds(10)),
                web("e1", "s1", "BE-VAN", T.plusSeconds(20)))).isEmpty();
        assertThat(counts(web("e1", "s1", "BE-VAN", T.plusSeconds(20)), withdrawal("w1", "s1", T.plusSeconds(10)),
                web("e1", "s1", "BE-VAN", T))).isEmpty();
    }

    @Test
    void aRedeliveredWithdrawalKeepsItsEarliestTime() {
        // w1 at T+30 and again at T+5: its time is T+5, so the signature at T+10 counts
        assertThat(counts(withdrawal("w1", "s1", T.plusSeconds(30)), web("e1", "s1", "BE-VAN", T.plusSeconds(10)),
                withdrawal("w1", "s1", T.plusSeconds(5)))).containsEntry(cell("WEB", "BE-VAN"), 1L);
    }

    @Test
    void aWithdrawalBeforeTheSignatureDoesNotUndoItOneAfterDoes() {
        assertThat(counts(withdrawal("w1", "s1", T.minusSeconds(1)), web("e1", "s1", "BE-VAN", T)))
                .containsEntry(cell("WEB", "BE-VAN"), 1L);
        assertThat(counts(web("e1", "s1", "BE-VAN", T), withdrawal("w1", "s1", T.plusSeconds(1)))).isEmpty();
        // a withdrawal at the very same time as the signature undoes it: counted signatures are after w
        assertThat(counts(web("e1", "s1", "BE-VAN", T), withdrawal("w1", "s1", T))).isEmpty();
    }

    @Test
    void reSigningAfterAWithdrawalCountsTheNewSignatureOnItsDay() {
        Instant nextWeek = T.plusSeconds(7 * 86_400);
        assertThat(counts(web("e1", "s1", "BE-VAN", T), withdrawal("w1", "s1", T.plusSeconds(60)),
                app("e2", "s1", "BE-BRU", nextWeek)))
                .containsOnly(entry(cell("APP", "BE-BRU"), 1L), entry(day("2023-11-28", "APP", "BE-BRU"), 1L));
    }

    @Test
    void equalTimesAreBrokenByTheSmallerEventIdAsAString() {
        assertThat(counts(web("e-b", "s1", "BE-VAN", T), app("e-a", "s1", "BE-BRU", T)))
                .containsEntry(cell("APP", "BE-BRU"), 1L);
        String smaller = "0f000000-0000-3000-8000-000000000000";
        String larger = "a0000000-0000-3000-8000-000000000000";
        assertThat(counts(web(larger, "s1", "BE-VAN", T), call(smaller, "s1", "BE-WLG", T)))
                .containsEntry(cell("CALL", "BE-WLG"), 1L);
        // a UUID against another kind of id: compared as strings ("0..." < "z...")
        assertThat(counts(web("zz", "s2", "BE-VAN", T), call(smaller, "s2", "BE-WLG", T)))
                .containsEntry(cell("CALL", "BE-WLG"), 1L);
    }

    @Test
    void daysAreBrusselsCalendarDays() {
        assertThat(counts(
                // 23:30 UTC in winter is 00:30 the next day in Brussels (UTC+1)
                web("e1", "s1", "BE-VAN", Instant.parse("2023-11-20T23:30:00Z")),
                web("e2", "s2", "BE-VAN", Instant.parse("2023-11-20T22:59:59.999Z")),
                // 22:00 UTC in summer is midnight in Brussels (UTC+2)
                web("e3", "s3", "BE-BRU", Instant.parse("2023-07-01T22:00:00Z")),
                // the night clocks go back (03:00 CEST on 29 Oct): 23:30 UTC on 28 Oct is 01:30 CEST on the 29th
                web("e4", "s4", "BE-WLX", Instant.parse("2023-10-28T23:30:00Z")),
                web("e5", "s5", "BE-WLX", Instant.parse("2023-10-28T21:59:59Z"))))
                .contains(entry(day("2023-11-21", "WEB", "BE-VAN"), 1L), entry(day("2023-11-20", "WEB", "BE-VAN"), 1L),
                        entry(day("2023-07-02", "WEB", "BE-BRU"), 1L), entry(day("2023-10-29", "WEB", "BE-WLX"), 1L),
                        entry(day("2023-10-28", "WEB", "BE-WLX"), 1L));
    }

    @Test
    void recordsTheTopologyRejectsOrCannotCountAreNotCounted() {
        CallSignature busy = Events.call("c1", "s1", "BE-VAN", T);
        busy.setStatus(CallStatus.BUSY);
        WebSignature otherCampaign = Events.web("w2", "s2", "BE-VAN", T);
        otherCampaign.setCampaign("another-campaign");
        Recount recount = recount(List.of(
                new Raw(Topics.CALLS.name(), "s1", busy),
                call("c2", null, "ZZ", T),                                // withheld number
                web("w1", "s9", "BE-XXX", T),                             // unknown region
                new Raw(Topics.WEB.name(), "s2", otherCampaign),
                new Raw(Topics.WEB.name(), "not-s3", Events.web("w3", "s3", "BE-VAN", T)),
                web("w4", "s4", "BE-VAN", Instant.ofEpochMilli(NOW).plusSeconds(301)),  // 5 min 1 s in the future
                web("w5", "s5", "BE-VAN", Instant.ofEpochMilli(NOW).plusSeconds(299))));
        recount.accept(Topics.APP.name(), "s6".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0x0f, 0x42, 0x3f, 2}, NOW,
                NOW);
        recount.accept(Topics.APP.name(), "s7".getBytes(StandardCharsets.UTF_8), "{\"json\":1}".getBytes(
                StandardCharsets.UTF_8), NOW, NOW);
        recount.accept(Topics.APP.name(), "s8".getBytes(StandardCharsets.UTF_8), null, NOW, NOW);

        assertThat(recount.counts()).containsOnlyKeys(cell("WEB", "BE-VAN"), day("2023-12-20", "WEB", "BE-VAN"));
        assertThat(recount.records()).isEqualTo(10);
        assertThat(recount.notCounted()).containsOnly(entry("STATUS_BUSY", 1L), entry("WITHHELD", 1L),
                entry("UNKNOWN_REGION", 1L), entry("UNKNOWN_CAMPAIGN", 1L), entry("KEY_MISMATCH", 1L),
                entry("FUTURE_EVENT_TIME", 1L), entry("UNKNOWN_SCHEMA", 1L), entry("CORRUPT_RECORD", 1L),
                entry("MISSING_VALUE", 1L));
    }

    @Test
    void theFutureIsJudgedFromTheRecordsTimestampWhenTheTopologyReadIt() {
        Recount recount = new Recount(settings);
        long written = NOW - 86_400_000L;
        recount.accept(Topics.WEB.name(), "s1".getBytes(StandardCharsets.UTF_8), serializer.serialize(
                Topics.WEB.name(), Events.web("e1", "s1", "BE-VAN", Instant.ofEpochMilli(written + 600_000))),
                written, NOW);
        assertThat(recount.counts()).isEmpty();
        assertThat(recount.notCounted()).containsOnly(entry("FUTURE_EVENT_TIME", 1L));
    }

    @Test
    void manySignersStayApart() {
        Map<String, Long> expected = new HashMap<>();
        List<Raw> records = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String region = i % 3 == 0 ? "BE-VAN" : "BE-WHT";
            records.add(web(UUID.nameUUIDFromBytes(("e" + i).getBytes(StandardCharsets.UTF_8)).toString(),
                    "signer-" + i, region, T));
            expected.merge(region, 1L, Long::sum);
        }
        SortedMap<Cell, Long> counts = recount(records).counts();
        assertThat(counts.get(cell("WEB", "BE-VAN"))).isEqualTo(expected.get("BE-VAN"));
        assertThat(counts.get(cell("WEB", "BE-WHT"))).isEqualTo(expected.get("BE-WHT"));
    }
}
