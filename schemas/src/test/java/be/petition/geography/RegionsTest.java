package be.petition.geography;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RegionsTest {
    @Test
    void theTenProvincesAreTheDesignsAndBrusselsIsNotOne() {
        assertThat(Regions.PROVINCES).containsExactly("BE-VAN", "BE-VBR", "BE-VLI", "BE-VOV", "BE-VWV",
                "BE-WBR", "BE-WHT", "BE-WLG", "BE-WLX", "BE-WNA");
        assertThat(Regions.BELGIAN_AREAS).containsExactlyElementsOf(
                concat(Regions.PROVINCES, List.of(Regions.BRUSSELS)));
        assertThat(concat(Regions.FLEMISH_PROVINCES, Regions.WALLOON_PROVINCES))
                .containsExactlyElementsOf(Regions.PROVINCES);
    }

    @Test
    void everyProvinceRollsUpToItsRegion() {
        Regions.FLEMISH_PROVINCES.forEach(p -> assertThat(Regions.rollUp(p)).as(p).isEqualTo("BE-VLG"));
        Regions.WALLOON_PROVINCES.forEach(p -> assertThat(Regions.rollUp(p)).as(p).isEqualTo("BE-WAL"));
        assertThat(Regions.rollUp("BE-BRU")).isEqualTo("BE-BRU");
        assertThat(Regions.ROLL_UPS).containsExactly("BE-VLG", "BE-WAL", "BE-BRU");
    }

    @Test
    void belgiumCountriesUnknownAndRollUpsThemselvesDoNotRollUp() {
        for (String code : new String[] {"BE", "ZZ", "FR", "NL", "DE", "US", "BE-VLG", "BE-WAL", "be-van", ""}) {
            assertThat(Regions.rollUp(code)).as(code).isNull();
        }
        assertThat(Regions.rollUp(null)).isNull();
    }

    @Test
    void knownCodesAreAreasBelgiumCountriesAndUnknown() {
        Regions.BELGIAN_AREAS.forEach(a -> assertThat(Regions.isKnown(a)).as(a).isTrue());
        for (String country : Locale.getISOCountries()) {
            assertThat(Regions.isKnown(country)).as(country).isTrue();
        }
        assertThat(Regions.isKnown("BE")).isTrue();
        assertThat(Regions.isKnown("ZZ")).isTrue();
        for (String code : new String[] {"BE-VLG", "BE-WAL", "XX", "be-van", "fr", "", "BEL", "BE-XXX"}) {
            assertThat(Regions.isKnown(code)).as(code).isFalse();
        }
        assertThat(Regions.isKnown(null)).isFalse();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
