package be.petition.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.identity.InvalidIdentityException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostalCodesTest {

    @ParameterizedTest
    @CsvSource({
            "1000,BE-BRU", "1299,BE-BRU",
            "1300,BE-WBR", "1499,BE-WBR",
            "1500,BE-VBR", "1999,BE-VBR",
            "2000,BE-VAN", "2999,BE-VAN",
            "3000,BE-VBR", "3499,BE-VBR",
            "3500,BE-VLI", "3999,BE-VLI",
            "4000,BE-WLG", "4999,BE-WLG",
            "5000,BE-WNA", "5999,BE-WNA",
            "6000,BE-WHT", "6599,BE-WHT",
            "6600,BE-WLX", "6999,BE-WLX",
            "7000,BE-WHT", "7999,BE-WHT",
            "8000,BE-VWV", "8999,BE-VWV",
            "9000,BE-VOV", "9999,BE-VOV",
    })
    void mapsEveryProvinceBoundary(String code, String region) {
        assertThat(PostalCodes.regionOf(code)).isEqualTo(region);
    }

    @ParameterizedTest
    @CsvSource({"' 9000 ',BE-VOV", "B-2000,BE-VAN", "BE-4000,BE-WLG"})
    void acceptsCommonSpellings(String code, String region) {
        assertThat(PostalCodes.regionOf(code)).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "999", "0999", "10000", "75001", "abcd", "1 000", "F-75001"})
    void refusesWhatIsNotABelgianPostalCode(String code) {
        assertThatThrownBy(() -> PostalCodes.regionOf(code)).isInstanceOf(InvalidIdentityException.class);
    }
}
