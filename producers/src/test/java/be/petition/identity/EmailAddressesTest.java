package be.petition.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jan.peeters@mail.be|jan.peeters@mail.be",
            "  Jan.Peeters@Mail.BE  |jan.peeters@mail.be",
            "jan.peeters+glenn@mail.be|jan.peeters@mail.be",
            "JAN.PEETERS+Petition+2023@MAIL.BE|jan.peeters@mail.be",
            "marie-claire_o'neil@sub.example.co.uk|marie-claire_o'neil@sub.example.co.uk",
    })
    void trimsLowerCasesAndDropsTheTag(String raw, String normalised) {
        assertThat(EmailAddresses.normalise(raw)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jan", "jan@", "@mail.be", "jan@@mail.be", "jan@mail", "jan peeters@mail.be",
            "jan@mail..be", ".jan@mail.be", "+tag@mail.be", "jan@-mail.be"})
    void refusesWhatIsNotAnAddress(String raw) {
        assertThatThrownBy(() -> EmailAddresses.normalise(raw)).isInstanceOf(InvalidIdentityException.class);
    }
}
