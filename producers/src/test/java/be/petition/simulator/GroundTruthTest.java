package be.petition.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.gateway.Intake;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DESIGN.md "Counting" for one signer at a time, and its independence of the acknowledgement order. */
class GroundTruthTest {
    private static final String CAMPAIGN = "glenn-2023";
    private static final String JAN = "tel:+3225123456";

    private record Ack(Planned planned, String eventId, long time) {
    }

    private static Ack signature(String identity, String channel, String region, String eventId, long time) {
        return new Ack(new Planned(Planned.Kind.SIGNATURE, null, null, null, identity, channel, region), eventId, time);
    }

    private static Ack withdrawal(String identity, String eventId, long time) {
        return new Ack(new Planned(Planned.Kind.WITHDRAWAL, null, null, null, identity, null, null), eventId, time);
    }

    private static String id(String name) {
        return Intake.eventId("test", CAMPAIGN, name);
    }

    private static Map<String, Object> truth(List<Ack> acks) {
        GroundTruth truth = new GroundTruth(CAMPAIGN, 1);
        acks.forEach(ack -> truth.accepted(ack.planned(), ack.eventId(), ack.time()));
        return truth.toMap();
    }

    private static Map<?, ?> counts(List<Ack> acks) {
        return (Map<?, ?>) truth(acks).get("expectedCounts");
    }

    @Test
    void aWithdrawalEarlierThanTheSignatureDoesNotRemoveIt() {
        assertThat(counts(List.of(signature(JAN, "CALL", "BE-BRU", id("s"), 200), withdrawal(JAN, id("w"), 100))))
                .isEqualTo(Map.of("glenn-2023/CALL/BE-BRU", 1L));
        Map<String, Object> removed = truth(List.of(signature(JAN, "CALL", "BE-BRU", id("s"), 100),
                withdrawal(JAN, id("w"), 200)));
        assertThat(removed.get("expectedTotal")).isEqualTo(0L);
        assertThat(((Map<?, ?>) removed.get("withdrawals")).get("removedSigner")).isEqualTo(1L);
    }

    @Test
    void aSignatureAfterTheWithdrawalCountsInItsOwnCell() {
        assertThat(counts(List.of(signature(JAN, "CALL", "BE-BRU", id("s1"), 100), withdrawal(JAN, id("w"), 200),
                signature(JAN, "WEB", "BE-VOV", id("s2"), 300), signature(JAN, "APP", "BE", id("s3"), 400))))
                .isEqualTo(Map.of("glenn-2023/WEB/BE-VOV", 1L));
    }

    @Test
    void aRedeliveryKeepsTheEventsEarliestTime() {
        // s1 delivered again after the withdrawal is still the event of time 100, which the withdrawal removed
        assertThat(counts(List.of(signature(JAN, "CALL", "BE-BRU", id("s1"), 100), withdrawal(JAN, id("w"), 200),
                signature(JAN, "CALL", "BE-BRU", id("s1"), 300)))).isEmpty();
        // and a withdrawal delivered again later does not move w
        assertThat(counts(List.of(withdrawal(JAN, id("w"), 100), signature(JAN, "WEB", "BE-VAN", id("s1"), 200),
                withdrawal(JAN, id("w"), 300)))).isEqualTo(Map.of("glenn-2023/WEB/BE-VAN", 1L));
    }

    @Test
    void aTieOnTimeGoesToTheSmallerEventId() {
        // as text, "1…" sorts before "f…"; as signed longs the f… id would come first
        String small = "10000000-0000-3000-8000-000000000000";
        String large = "f0000000-0000-3000-8000-000000000000";
        assertThat(counts(List.of(signature(JAN, "WEB", "BE-VAN", large, 100), signature(JAN, "CALL", "BE-BRU", small, 100))))
                .isEqualTo(Map.of("glenn-2023/CALL/BE-BRU", 1L));
        assertThat(counts(List.of(signature(JAN, "WEB", "BE-VAN", "00000000-0000-3000-8000-00000000000f", 100),
                signature(JAN, "CALL", "BE-BRU", "00000000-0000-3000-8000-0000000000f0", 100))))
                .isEqualTo(Map.of("glenn-2023/WEB/BE-VAN", 1L));
    }

    @Test
    void theSameRecordsInAnyOrderGiveTheSameTruth() {
        Random random = new Random(3);
        String[] channels = {"CALL", "WEB", "APP"};
        String[] regions = {"BE-BRU", "BE-VAN", "BE", "FR"};
        List<Ack> acks = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String identity = "mailto:person" + random.nextInt(800) + "@example.org";
            long time = 1_000 + random.nextInt(2_000);
            Ack ack = random.nextInt(6) == 0 ? withdrawal(identity, id("w" + i), time)
                    : signature(identity, channels[random.nextInt(3)], regions[random.nextInt(4)], id("s" + i), time);
            acks.add(ack);
            if (random.nextInt(5) == 0) {
                acks.add(new Ack(ack.planned(), ack.eventId(), time + random.nextInt(2_000))); // redelivered later
            }
        }
        Map<String, Object> expected = truth(acks);
        assertThat((long) expected.get("expectedTotal")).isBetween(300L, 800L);
        assertThat(((Map<?, ?>) expected.get("withdrawals")).get("removedSigner")).isNotEqualTo(0L);
        for (int shuffle = 0; shuffle < 5; shuffle++) {
            Collections.shuffle(acks, random);
            assertThat(truth(acks)).isEqualTo(expected);
        }
    }
}
