package be.petition.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.query.CountQueries;
import be.petition.query.CountsUnavailable;
import be.petition.query.FixedCounts;
import be.petition.topology.StoreNames;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** The snapshot live.js renders, byte for byte: the same rows as the query API's counts and hourly history. */
class LiveSnapshotTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-11-22T10:17:00Z"), ZoneOffset.UTC);

    private final FixedCounts counts = new FixedCounts();
    private final LiveSnapshot snapshot = new LiveSnapshot(new CountQueries(counts), "glenn-2023",
            List.of(1000L, 37274L), CLOCK);

    @Test
    void theSnapshotHasTheTotalTheBreakdownsAndTheLast48Hours() throws Exception {
        StringJoiner hourly = new StringJoiner(",");
        Map<String, Integer> counted = Map.of("2023-11-21T23:00:00Z", 3, "2023-11-22T09:00:00Z", 1);
        for (Instant hour = Instant.parse("2023-11-20T11:00:00Z"); hour.isBefore(Instant.parse("2023-11-22T11:00:00Z"));
             hour = hour.plus(1, ChronoUnit.HOURS)) {
            hourly.add("{\"hour\":\"" + hour + "\",\"count\":" + counted.getOrDefault(hour.toString(), 0) + "}");
        }
        assertThat(new ObjectMapper().writeValueAsString(snapshot.get())).isEqualTo("{\"campaign\":\"glenn-2023\","
                + "\"total\":29,"
                + "\"byChannel\":[{\"channel\":\"APP\",\"count\":7},{\"channel\":\"CALL\",\"count\":5},"
                + "{\"channel\":\"WEB\",\"count\":17}],"
                + "\"byRegion\":[{\"region\":\"BE\",\"count\":2},{\"region\":\"BE-BRU\",\"count\":4},"
                + "{\"region\":\"BE-VAN\",\"count\":15},{\"region\":\"BE-WLG\",\"count\":5},"
                + "{\"region\":\"NL\",\"count\":2},{\"region\":\"ZZ\",\"count\":1}],"
                + "\"hourly\":[" + hourly + "],"
                + "\"milestones\":[1000,37274]}");
    }

    @Test
    void staleCountsGiveNoSnapshot() {
        counts.makeStale(StoreNames.COUNTS_BY_CHANNEL_REGION);
        assertThatThrownBy(snapshot::get).isInstanceOf(CountsUnavailable.class);
    }
}
