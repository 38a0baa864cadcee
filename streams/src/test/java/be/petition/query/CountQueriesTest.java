package be.petition.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.topology.StoreNames;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The query API's answers over fixed counts, byte for byte: field names, order and values of the JSON, the CSV form
 * and the ETags are what outside systems (the report, dashboards) read, so they are pinned in {@code answers.golden}.
 * Parameters go through {@link QueryParameters}, answers through {@link AnswerCache}, as in a request.
 */
class CountQueriesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-11-22T10:17:00Z"), ZoneOffset.UTC);

    /** Query → parameters, as a client sends them. */
    private static final Map<String, String> CASES = cases(
            "total", "",
            "total other campaign", "campaign=other-2024",
            "counts by channel", "by=channel",
            "counts by region", "by=region",
            "counts by channel and region", "by=channel,region",
            "counts of one cell", "by=region,channel&channel=web&region=be-van",
            "counts of an empty cell", "by=channel&channel=APP&region=BE-WLX",
            "history default", "",
            "history hours", "bucket=hour&from=2023-11-20T07:30:00Z&to=2023-11-20T10:00:00Z",
            "history hours by channel", "bucket=HOUR&by=channel&from=2023-11-20&to=2023-11-22T09:01:00Z",
            "history days", "bucket=day&from=2023-11-19&to=2023-11-23",
            "history days by channel and region", "bucket=day&by=channel,region",
            "history days from times", "bucket=day&from=2023-11-19T23:30:00Z&to=2023-11-22T12:00:00Z&by=region",
            "stats", "",
            // cells a spreadsheet would run as formulas: text in the CSV, unchanged in the JSON
            "history days with formula-like cells", "campaign=other-2024&bucket=day&by=channel,region"
                    + "&from=2023-11-21&to=2023-11-22");

    private final FixedCounts counts = new FixedCounts();

    @Test
    void answersAreThoseOfTheGoldenFile() throws IOException {
        StringBuilder actual = new StringBuilder();
        CASES.forEach((name, query) -> {
            String path = name.split(" ")[0];
            actual.append("== ").append(name).append(" (").append(query).append(")\n");
            AnswerCache.Rendered json = render(path, query, false);
            actual.append(json.etag()).append('\n').append(new String(json.body(), StandardCharsets.UTF_8))
                    .append('\n');
            if (path.equals("history")) {
                AnswerCache.Rendered csv = render(path, query, true);
                actual.append(csv.etag()).append('\n').append(new String(csv.body(), StandardCharsets.UTF_8));
            }
        });
        counts.makeStale(StoreNames.COUNTS_BY_CHANNEL_REGION);
        actual.append("== stale total\n").append(new String(render("total", "", false).body(),
                StandardCharsets.UTF_8)).append('\n');
        actual.append("== stale counts\n").append(new String(render("counts", "by=region", false).body(),
                StandardCharsets.UTF_8)).append('\n');
        assertThat(actual.toString()).isEqualTo(golden());
    }

    @Test
    void badParametersNameTheField() {
        assertBad("total", "campaign=other-2025", "campaign", "Unknown campaign");
        assertBad("stats", "campaign=nope", "campaign", "Unknown campaign");
        assertBad("counts", "", "by", "Missing grouping");
        assertBad("counts", "by=%20", "by", "Missing grouping");
        assertBad("counts", "by=province", "by", "Unknown grouping");
        assertBad("counts", "by=channel&channel=FAX&region=BE-VAN", "channel", "Unknown channel");
        assertBad("counts", "by=channel&channel=unknown&region=BE-VAN", "channel", "Unknown channel");
        assertBad("counts", "by=channel&channel=WEB&region=BE-XXX", "region", "Unknown region");
        assertBad("counts", "by=channel&channel=WEB", "region", "Incomplete key");
        assertBad("counts", "by=channel&region=BE-VAN", "channel", "Incomplete key");
        assertBad("history", "bucket=week", "bucket", "Unknown bucket");
        assertBad("history", "by=day", "by", "Unknown grouping");
        assertBad("history", "from=2023-11-22T00:00:00Z&to=2023-11-20T00:00:00Z", "to", "Empty or reversed time range");
        assertBad("history", "from=2023-11-20T10:00:00Z&to=2023-11-20T10:00:00Z", "to", "Empty or reversed time range");
        assertBad("history", "from=2020-01-01T00:00:00Z&to=2023-11-20T00:00:00Z", "from", "Time range too long");
        assertBad("history", "bucket=day&from=2000-01-01&to=2023-11-20", "from", "Time range too long");
        assertBad("history", "bucket=day&from=1900-01-01&to=2023-11-20", "from", "Time out of range");
        assertBad("history", "bucket=day&from=yesterday", "from", "Bad date");
        assertBad("history", "bucket=hour&to=soon", "to", "Bad time");
        assertBad("history", "from=+999999999-12-31T23:30:00Z", "from", "Time out of range");
        assertBad("history", "bucket=day&from=+999999999-12-31T23:30:00Z", "from", "Time out of range");
        assertBad("history", "bucket=day&to=+999999999-12-31", "to", "Time out of range");
        assertBad("history", "to=-999999999-01-01T00:00:00Z", "to", "Time out of range");
        assertBad("history", "from=1999-12-31T23:00:00Z&to=2000-01-01T01:00:00Z", "from", "Time out of range");
        assertBad("history", "bucket=day&from=2099-12-30&to=2100-01-02", "to", "Time out of range");
        assertBad("total", "x=1", "x", "Unknown parameter");
        assertBad("stats", "campaign=glenn-2023&from=2023-11-20", "from", "Unknown parameter");
        assertBad("counts", "by=channel&bucket=hour", "bucket", "Unknown parameter");
        assertBad("history", "bucket=day&region=BE-VAN", "region", "Unknown parameter");
        assertBad("counts", "by=channel&by=region", "by", "Repeated parameter");
    }

    @Test
    void theCenturyItselfIsInRange() {
        assertThat(new String(render("history", "bucket=day&from=2000-01-01&to=2000-01-03", false).body(),
                StandardCharsets.UTF_8)).contains("\"from\":\"2000-01-01\"");
        assertThat(new String(render("history", "from=2099-12-31T23:00:00Z&to=2100-01-01T00:00:00Z", false).body(),
                StandardCharsets.UTF_8)).contains("\"to\":\"2100-01-01T00:00:00Z\"");
    }

    private void assertBad(String path, String query, String field, String error) {
        assertThatThrownBy(() -> render(path, query, false)).as(path + "?" + query)
                .isInstanceOfSatisfying(BadRequest.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(error);
                    assertThat(e.fields()).containsOnlyKeys(field);
                    assertThat(e.fields().get(field)).isNotBlank();
                });
    }

    private AnswerCache.Rendered render(String path, String query, boolean csv) {
        Map<String, List<String>> given = parameters(query);
        QueryParameters.Endpoint.valueOf(path.toUpperCase(Locale.ROOT)).check(given);
        Function<String, String> params = name -> given.containsKey(name) ? given.get(name).get(0) : null;
        QueryParameters parameters = new QueryParameters(Set.of("glenn-2023", "other-2024"), "glenn-2023", 92 * 24,
                3 * 366, CLOCK);
        CountQueries queries = new CountQueries(counts);
        AnswerCache cache = new AnswerCache(Duration.ZERO, new ObjectMapper(), CLOCK);
        String key = path + "?" + query;
        if (csv) {
            return cache.csv(key, () -> queries.history(parameters.history(params)));
        }
        return cache.json(key, () -> switch (path) {
            case "total" -> queries.total(parameters.campaign(params));
            case "counts" -> queries.counts(parameters.counts(params));
            case "history" -> queries.history(parameters.history(params));
            case "stats" -> queries.stats(parameters.campaign(params));
            default -> throw new IllegalArgumentException(path);
        });
    }

    private static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                String[] nameAndValue = pair.split("=", 2);
                params.computeIfAbsent(nameAndValue[0], name -> new ArrayList<>())
                        .add(nameAndValue[1].replace("%20", " "));
            }
        }
        return params;
    }

    private static String golden() throws IOException {
        try (InputStream in = CountQueriesTest.class.getResourceAsStream("answers.golden")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> cases(String... namesAndQueries) {
        Map<String, String> cases = new LinkedHashMap<>();
        for (int i = 0; i < namesAndQueries.length; i += 2) {
            cases.put(namesAndQueries[i], namesAndQueries[i + 1]);
        }
        return cases;
    }
}
