package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.geography.Regions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallCountsTest {
    private static Map<String, Long> provinces(long... counts) {
        Map<String, Long> provinces = new LinkedHashMap<>();
        for (int i = 0; i < Regions.BELGIAN_AREAS.size(); i++) {
            provinces.put(Regions.BELGIAN_AREAS.get(i), counts[i]);
        }
        return provinces;
    }

    private static Map<String, Long> regions(Map<String, Long> provinces, long belgium, long abroad, long unknown) {
        Map<String, Long> regions = new LinkedHashMap<>();
        ReportRegions.REPORT_REGIONS.forEach(r -> regions.put(r, 0L));
        provinces.forEach((code, count) -> regions.merge(ReportRegions.reportRegion(code), count, Long::sum));
        regions.put(Regions.BELGIUM, belgium);
        regions.put(ReportRegions.ABROAD, abroad);
        regions.put(Regions.UNKNOWN, unknown);
        return regions;
    }

    @Test
    void nothingIsHiddenWhenEveryCountIsLargeEnough() {
        Map<String, Long> provinces = provinces(50, 60, 70, 80, 90, 15, 25, 35, 45, 55, 100);

        assertThat(SmallCounts.hidden(provinces, regions(provinces, 10, 20, 30), 10)).isEmpty();
    }

    @Test
    void aLoneSmallProvinceTakesTheSmallestOtherOfItsRegionWithIt() {
        Map<String, Long> provinces = provinces(600, 400, 4, 50, 60, 15, 25, 35, 45, 55, 100);

        assertThat(SmallCounts.hidden(provinces, regions(provinces, 10, 20, 30), 10))
                .containsExactlyInAnyOrder("BE-VLI", "BE-VOV");
    }

    @Test
    void provincesAtZeroNeedNoProtection() {
        Map<String, Long> provinces = provinces(600, 400, 0, 50, 60, 15, 25, 35, 45, 55, 100);

        assertThat(SmallCounts.hidden(provinces, regions(provinces, 10, 20, 30), 10)).containsExactly("BE-VLI");
    }

    @Test
    void aLoneSmallRegionRowTakesTheSmallestRowWithoutBreakdownWithIt() {
        Map<String, Long> provinces = provinces(50, 60, 70, 80, 90, 15, 25, 35, 45, 55, 100);

        assertThat(SmallCounts.hidden(provinces, regions(provinces, 3, 20, 30), 10))
                .containsExactlyInAnyOrder("BE", "ABROAD");
    }

    @Test
    void aRegionHiddenToProtectAnotherRowKeepsOneOfItsProvincesHidden() {
        Map<String, Long> provinces = provinces(100, 100, 100, 100, 100, 60, 70, 80, 90, 100, 3);

        assertThat(SmallCounts.hidden(provinces, regions(provinces, 0, 0, 0), 10))
                .containsExactlyInAnyOrder("BE-BRU", "BE", "ABROAD", "ZZ", "BE-WAL", "BE-WBR");
    }
}
