package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Language;
import be.petition.avro.WithdrawalReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfirmationTokenTest {
    private static final long NOW = 1_700_000_000_000L;
    private final ConfirmationToken tokens = new ConfirmationToken("a-confirmation-key-of-some-length", Duration.ofDays(7));
    private final ConfirmationToken.Claims signature = new ConfirmationToken.Claims(ConfirmationToken.Kind.SIGNATURE,
            "glenn-2023", "web-1", "c2lnbmVyLWtleQ", "BE-VOV", Language.NL, true, null, NOW);

    @Test
    void whatWasIssuedComesBackUntilItExpires() throws Exception {
        String token = tokens.issue(signature);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}").hasSizeLessThan(200);
        assertThat(tokens.verify(token, NOW + Duration.ofDays(7).toMillis())).isEqualTo(signature);
        ConfirmationToken.Claims withdrawal = new ConfirmationToken.Claims(ConfirmationToken.Kind.WITHDRAWAL,
                "glenn-2023", "wd-1", "a2V5", null, Language.FR, false, WithdrawalReason.ERASURE_REQUEST, NOW);
        assertThat(tokens.verify(tokens.issue(withdrawal), NOW)).isEqualTo(withdrawal);
    }

    @Test
    void anExpiredTokenIs410AndSaysWhatItWasFor() {
        String token = tokens.issue(signature);
        assertThatThrownBy(() -> tokens.verify(token, NOW + Duration.ofDays(7).toMillis() + 1))
                .isInstanceOfSatisfying(ConfirmationToken.Invalid.class, e -> {
                    assertThat(e.status()).isEqualTo(410);
                    assertThat(e.kind()).isEqualTo(ConfirmationToken.Kind.SIGNATURE);
                });
    }

    @Test
    void anotherKeyOrAChangedPayloadIsForged() {
        String token = tokens.issue(signature);
        ConfirmationToken otherKey = new ConfirmationToken("another-confirmation-key-0000000", Duration.ofDays(7));
        assertThatThrownBy(() -> otherKey.verify(token, NOW)).isInstanceOfSatisfying(ConfirmationToken.Invalid.class,
                e -> assertThat(e.status()).isEqualTo(403));
        String changed = tokens.issue(new ConfirmationToken.Claims(ConfirmationToken.Kind.SIGNATURE, "glenn-2023",
                "web-1", "c2lnbmVyLWtleQ", "BE-BRU", Language.NL, true, null, NOW));
        String spliced = changed.substring(0, changed.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThatThrownBy(() -> tokens.verify(spliced, NOW)).isInstanceOfSatisfying(ConfirmationToken.Invalid.class,
                e -> assertThat(e.reason()).isEqualTo("forged"));
    }

    @Test
    void textThatIsNoTokenIs400() {
        for (String text : new String[] {null, "", "abc", ".abc", "abc.", "%%%.###", "a".repeat(2000)}) {
            assertThatThrownBy(() -> tokens.verify(text, NOW)).as(String.valueOf(text))
                    .isInstanceOfSatisfying(ConfirmationToken.Invalid.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void aShortKeyIsRefusedWithHowToSetIt() {
        assertThatThrownBy(() -> new ConfirmationToken("short", Duration.ofDays(7)))
                .hasMessageContaining("PETITION_CONFIRM_KEY");
    }
}
