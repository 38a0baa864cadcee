package be.petition.region;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.geography.Regions;
import be.petition.identity.PhoneNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneRegionsTest {

    @ParameterizedTest
    @CsvSource({
            "02 512 34 56,BE-BRU", "03 231 23 45,BE-VAN", "04 221 23 45,BE-WLG", "09 223 45 67,BE-VOV",
            "010 22 33 44,BE-WBR", "011 22 33 44,BE-VLI", "012 23 45 67,BE-VLI", "013 31 23 45,BE-VBR",
            "014 41 23 45,BE-VAN", "015 21 23 45,BE-VAN", "016 22 33 44,BE-VBR", "019 32 12 34,BE-WLG",
            "050 44 81 11,BE-VWV", "051 26 23 45,BE-VWV", "052 21 23 45,BE-VOV", "053 72 12 34,BE-VOV",
            "054 31 23 45,BE-VOV", "055 21 23 45,BE-VOV", "056 21 23 45,BE-VWV", "057 21 23 45,BE-VWV",
            "058 31 23 45,BE-VWV", "059 51 23 45,BE-VWV", "060 21 23 45,BE-WHT", "061 21 23 45,BE-WLX",
            "063 21 23 45,BE-WLX", "064 21 23 45,BE-WHT", "065 31 23 45,BE-WHT", "067 21 23 45,BE-WBR",
            "068 21 23 45,BE-WHT", "069 21 23 45,BE-WHT", "071 31 23 45,BE-WHT", "080 21 23 45,BE-WLG",
            "081 21 23 45,BE-WNA", "082 21 23 45,BE-WNA", "083 21 23 45,BE-WNA", "084 31 23 45,BE-WLX",
            "085 21 23 45,BE-WLG", "086 21 23 45,BE-WLX", "087 31 23 45,BE-WLG", "089 31 23 45,BE-VLI",
    })
    void mapsEveryBelgianLandlineZone(String number, String region) {
        assertThat(PhoneRegions.regionOf(PhoneNumbers.normalise(number).parsed())).isEqualTo(region);
    }

    @ParameterizedTest
    @CsvSource({"0470 12 34 56,BE", "0456 12 34 56,BE", "0499 12 34 56,BE", "0800 12 345,BE", "078 15 15 15,BE"})
    void mobileAndNonGeographicNumbersAreBelgiumWithoutProvince(String number, String region) {
        assertThat(PhoneRegions.regionOf(PhoneNumbers.normalise(number).parsed())).isEqualTo(region);
    }

    @ParameterizedTest
    @CsvSource({"+33 6 12 34 56 78,FR", "+31 6 12345678,NL", "+49 30 1234567,DE", "+352 621 123 456,LU",
            "+44 20 7946 0958,GB"})
    void foreignNumbersGiveTheirCountry(String number, String region) {
        assertThat(PhoneRegions.regionOf(PhoneNumbers.normalise(number).parsed())).isEqualTo(region);
    }

    @Test
    void everyProvinceHasAZone() {
        Regions.BELGIAN_AREAS.forEach(region -> assertThat(PhoneRegions.zonesOf(region)).as(region).isNotEmpty());
    }
}
