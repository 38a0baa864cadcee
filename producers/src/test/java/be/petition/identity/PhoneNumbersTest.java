package be.petition.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0470 12 34 56|+32470123456",
            "0470123456|+32470123456",
            "0470/12.34.56|+32470123456",
            "+32 470 12 34 56|+32470123456",
            "+32470123456|+32470123456",
            "0032 470 12 34 56|+32470123456",
            "+32 (0)470 12 34 56|+32470123456",
            "(02) 512 34 56|+3225123456",
            "02/512.34.56|+3225123456",
            "+32 2 512 34 56|+3225123456",
            "09 234 56 78|+3292345678",
            "050 12 34 56|+3250123456",
            "+33 6 12 34 56 78|+33612345678",
            "0033 1 42 68 53 00|+33142685300",
            "+31 6 12345678|+31612345678",
            "+49 30 1234567|+49301234567",
            "+352 621 123 456|+352621123456",
            "+44 20 7946 0958|+442079460958",
            "+1 (212) 555-0123|+12125550123",
            "+39 06 1234 5678|+390612345678",
    })
    void normalisesEveryCommonNotation(String raw, String e164) {
        assertThat(PhoneNumbers.normalise(raw).e164()).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "7", "hello", "0470 12", "+32 99 99", "0470 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12"})
    void refusesWhatIsNotAPhoneNumber(String raw) {
        assertThatThrownBy(() -> PhoneNumbers.normalise(raw)).isInstanceOf(InvalidIdentityException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw.isBlank() ? "\u0000" : raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "Anonymous", "restricted", "+266696687", "+7378742833", "+86282452253", ""})
    void recognisesWithheldCallerIds(String from) {
        assertThat(PhoneNumbers.isWithheld(from)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+32470123456", "+3225123456"})
    void realNumbersAreNotWithheld(String from) {
        assertThat(PhoneNumbers.isWithheld(from)).isFalse();
    }
}
