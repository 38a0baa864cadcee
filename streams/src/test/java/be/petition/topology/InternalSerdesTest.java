package be.petition.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Channel;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InternalSerdesTest {

    @Test
    void signerStateSurvivesTheChangelog() {
        SignerStateSerde serde = new SignerStateSerde();
        SignerState signed = SignerState.first(new SignerState.Signed("web-1", Channel.WEB, "BE-VAN", 1_700_000_000_000L));
        SignerState withdrawn = signed.withdrawing("wd-1").remembering("web-1");

        for (SignerState state : List.of(signed, withdrawn)) {
            byte[] bytes = serde.serializer().serialize("changelog", state);
            assertThat(serde.deserializer().deserialize("changelog", bytes)).isEqualTo(state);
        }
        assertThat(serde.deserializer().deserialize("changelog", null)).isNull();
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", new byte[] {9}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version");
    }

    @Test
    void aSignerRemembersOnlyItsRecentEventIds() {
        SignerState state = SignerState.first(new SignerState.Signed("e-0", Channel.APP, "ZZ", 0));
        List<String> ids = new ArrayList<>();
        ids.add("e-0");
        for (int i = 1; i < 50; i++) {
            state = state.remembering("e-" + i);
            ids.add("e-" + i);
        }
        assertThat(state.seenEventIds()).hasSize(SignerState.MAX_SEEN)
                .isEqualTo(ids.subList(ids.size() - SignerState.MAX_SEEN, ids.size()));
        assertThat(state.isSigned()).isTrue();
    }

    @Test
    void talliesSurviveTheRepartition() {
        TallySerde serde = new TallySerde();
        for (Tally tally : List.of(new Tally(Tally.Kind.SIGNATURE, -1, 1_700_000_000_000L),
                new Tally(Tally.Kind.UNCOUNTABLE_CALL, 1, 0))) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", tally))).isEqualTo(tally);
        }
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[3]))
                .isInstanceOf(SerializationException.class);
    }
}
