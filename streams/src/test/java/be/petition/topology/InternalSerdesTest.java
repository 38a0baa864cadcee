package be.petition.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Channel;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.topology.SignerState.SignatureEvent;
import be.petition.topology.SignerState.WithdrawalEvent;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InternalSerdesTest {

    private static SignatureEvent signature(String id, long time) {
        return new SignatureEvent(id, time, Channel.WEB, "BE-VAN", IdentityKind.EMAIL, Language.NL, time + 5);
    }

    @Test
    void signerStateSurvivesTheChangelog() {
        SignerStateSerde serde = new SignerStateSerde();
        SignerState signed = SignerState.EMPTY.withSignature(signature("7d444840-9dc0-11d1-b245-5ffdce74fad2", 1_700_000_000_000L));
        SignerState withdrawn = signed.withWithdrawal(new WithdrawalEvent("wd-1", 1_700_000_100_000L))
                .withSignature(new SignatureEvent("call-\u00e9", 1_700_000_000_500L, Channel.CALL, "NL", IdentityKind.PHONE,
                        Language.UNKNOWN, 1_700_000_000_600L));

        for (SignerState state : List.of(SignerState.EMPTY, signed, withdrawn)) {
            byte[] bytes = serde.serializer().serialize("changelog", state);
            assertThat(serde.deserializer().deserialize("changelog", bytes)).isEqualTo(state);
        }
        assertThat(serde.serializer().serialize("changelog", signed)).as("a UUID event id takes 16 bytes").hasSizeLessThan(50);
        assertThat(serde.deserializer().deserialize("changelog", null)).isNull();
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", new byte[] {1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version").hasMessageContaining("reset");
    }

    @Test
    void everyIdReadsBackAsItWasWrittenWhetherOrNotItLooksLikeAUuid() {
        SignerStateSerde serde = new SignerStateSerde();
        for (String id : List.of("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-0000-000000000001",
                "00000000-0000-0001-ffff-ffffffffffff", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "7D444840-9DC0-11D1-B245-5FFDCE74FAD2", "7d444840x9dc0-11d1-b245-5ffdce74fad2",
                "7d444840-9dc0-11d1-b245x5ffdce74fad2", "7d444840-9dc0-11d1-b245-5ffdce74fad", "7d444840-9dc0-11d1-b245-5ffdce74fadg")) {
            SignerState state = SignerState.EMPTY.withSignature(signature(id, 1_000L));
            assertThat(serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", state)))
                    .as(id).isEqualTo(state);
        }
    }

    @Test
    void pastItsBoundASignerKeepsTheLatestEventsSoWhetherItCountsStaysExact() {
        SignerState state = SignerState.EMPTY;
        for (int i = 0; i < 40; i++) {
            state = state.withSignature(signature("s-" + i, 1_000L * i));
        }
        state = state.withWithdrawal(new WithdrawalEvent("wd-1", 1_000L * 20 + 1));
        for (int i = 40; i < 60; i++) {
            state = state.withWithdrawal(new WithdrawalEvent("wd-" + i, i));
        }
        assertThat(state.signatures().size() + state.withdrawals().size()).isEqualTo(SignerState.MAX_EVENTS);
        assertThat(state.withdrawnUntil()).isEqualTo(1_000L * 20 + 1);
        assertThat(state.counted()).isNotNull();
        assertThat(state.signatures()).last().extracting(SignatureEvent::eventId).isEqualTo("s-39");

        SignerState withdrawnLast = state.withWithdrawal(new WithdrawalEvent("wd-last", 1_000L * 39));
        assertThat(withdrawnLast.counted()).as("nothing after the latest withdrawal").isNull();
    }

    @Test
    void anEventSeenAgainKeepsItsEarliestTime() {
        SignerState state = SignerState.EMPTY.withSignature(signature("s-1", 5_000));
        assertThat(state.withSignature(signature("s-1", 9_000))).isSameAs(state);
        assertThat(state.withSignature(signature("s-1", 1_000)).counted().eventTime()).isEqualTo(1_000);
        SignerState withdrawn = state.withWithdrawal(new WithdrawalEvent("wd", 6_000));
        assertThat(withdrawn.withWithdrawal(new WithdrawalEvent("wd", 7_000))).isSameAs(withdrawn);
        assertThat(withdrawn.withWithdrawal(new WithdrawalEvent("wd", 4_000)).counted()).isNotNull();
    }

    @Test
    void talliesSurviveTheRepartition() {
        TallySerde serde = new TallySerde();
        for (Tally tally : List.of(new Tally(Tally.Kind.SIGNATURE, -1, 1_700_000_000_000L),
                new Tally(Tally.Kind.UNCOUNTABLE_CALL, 1, 0), new Tally(Tally.Kind.REJECTED_RECORD, 3, 0))) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", tally))).isEqualTo(tally);
        }
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[3]))
                .isInstanceOf(SerializationException.class);
    }
}
