package be.petition.report;

import be.petition.geography.Regions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a running Streams app's query API (DESIGN.md "HTTP interfaces"). All knowledge of its JSON shapes is here.
 */
public final class QueryApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Well under the API's default cap on a day history's length ({@code streams.history.max.days}). */
    static final int HISTORY_CHUNK_DAYS = 366;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public QueryApiClient(String baseUrl, Duration timeout) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.base = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new ReportException("'" + baseUrl + "' is not a URL: pass the query API as --api http://host:8090");
        }
        if (base.getScheme() == null || base.getHost() == null) {
            throw new ReportException("'" + baseUrl + "' is not a URL: pass the query API as --api http://host:8090");
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Signatures per Brussels day, channel and region for the days {@code [from, toExclusive)}:
     * {@code GET /api/v1/history?bucket=day&by=channel,region&from=DAY&to=DAY} ({@code to} exclusive) answers
     * {@code {campaign, bucket, from, to, by, total, counts: [{day, channel, region, count}], asOf}}. Long ranges
     * are asked for a year at a time (the API caps a range's length).
     */
    public List<DayCount> dailyHistory(String campaign, LocalDate from, LocalDate toExclusive) {
        List<DayCount> counts = new ArrayList<>();
        for (LocalDate start = from; start.isBefore(toExclusive); start = start.plusDays(HISTORY_CHUNK_DAYS)) {
            LocalDate end = start.plusDays(HISTORY_CHUNK_DAYS).isBefore(toExclusive)
                    ? start.plusDays(HISTORY_CHUNK_DAYS) : toExclusive;
            JsonNode body = get("/api/v1/history?bucket=day&by=channel,region&from=" + start + "&to=" + end
                    + campaignParameter("&", campaign));
            JsonNode rows = body.path("counts");
            if (!rows.isArray()) {
                throw new ReportException("The query API at " + base + " answered /api/v1/history without a 'counts'"
                        + " list: is it a Petition Streams app of this version?");
            }
            for (JsonNode row : rows) {
                LocalDate day = day(row);
                long count = row.path("count").asLong();
                if (count != 0 && !day.isBefore(start) && day.isBefore(end)) {
                    counts.add(new DayCount(day, row.path("channel").asText().toLowerCase(Locale.ROOT),
                            row.path("region").asText(Regions.UNKNOWN), count));
                }
            }
        }
        return counts;
    }

    /**
     * Signatures now per channel and region: {@code GET /api/v1/counts?by=channel,region} answers {@code {campaign,
     * by, counts: [{channel, region, count}], rollups, asOf}}. Channels in lower case, as {@link #dailyHistory}.
     */
    public List<ChannelRegionCount> channelRegionCounts(String campaign) {
        JsonNode body = get("/api/v1/counts?by=channel,region" + campaignParameter("&", campaign));
        JsonNode rows = body.path("counts");
        if (!rows.isArray()) {
            throw new ReportException("The query API at " + base + " answered /api/v1/counts without a 'counts'"
                    + " list: is it a Petition Streams app of this version?");
        }
        List<ChannelRegionCount> counts = new ArrayList<>();
        for (JsonNode row : rows) {
            long count = row.path("count").asLong();
            if (count != 0) {
                counts.add(new ChannelRegionCount(row.path("channel").asText().toLowerCase(Locale.ROOT),
                        row.path("region").asText(Regions.UNKNOWN), count));
            }
        }
        return counts;
    }

    /**
     * What did not count since launch: {@code GET /api/v1/stats} answers {@code {campaign, duplicates: [{channel,
     * kind, count}], duplicatesByKind, uncountableCalls: [{reason, count}], rejectedRecords: [{reason, count}],
     * asOf}}. An older Streams app without {@code rejectedRecords} reads as none rejected.
     */
    public CallStats stats(String campaign) {
        JsonNode body = get("/api/v1/stats" + campaignParameter("?", campaign));
        Map<String, Long> duplicates = new TreeMap<>();
        for (JsonNode row : body.path("duplicates")) {
            duplicates.merge(row.path("kind").asText(), row.path("count").asLong(), Long::sum);
        }
        return new CallStats(duplicates, byReason(body.path("uncountableCalls")),
                byReason(body.path("rejectedRecords")));
    }

    private static Map<String, Long> byReason(JsonNode rows) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode row : rows) {
            counts.merge(row.path("reason").asText(), row.path("count").asLong(), Long::sum);
        }
        return counts;
    }

    private static String campaignParameter(String separator, String campaign) {
        return campaign == null ? "" : separator + "campaign=" + URLEncoder.encode(campaign, StandardCharsets.UTF_8);
    }

    private static LocalDate day(JsonNode row) {
        String text = row.hasNonNull("day") ? row.get("day").asText() : row.path("bucket").asText();
        try {
            if (text.length() > 10) {
                return OffsetDateTime.parse(text).atZoneSameInstant(ReportWeek.ZONE).toLocalDate();
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ReportException("The query API sent a history row with the day '" + text
                    + "', which is not a date: is it a Petition Streams app of this version?");
        }
    }

    private JsonNode get(String pathAndQuery) {
        URI uri = URI.create(base + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReportException("Cannot reach the query API at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Is the Streams app running"
                    + " (./petition streams or ./petition up)? Point --api at it.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportException("Interrupted while reading " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new ReportException("The query API answered " + response.statusCode() + " to " + uri + ": "
                    + abbreviate(response.body()));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ReportException("The query API sent something that is not JSON for " + uri + ": "
                    + abbreviate(response.body()), e);
        }
        if (body.path("stale").asBoolean(false)) {
            throw new StaleCountsException("The query API at " + base + " says some counts could not be read (an instance"
                    + " is down or restoring its state). A report must be exact: try again once every Streams instance"
                    + " is running.");
        }
        return body;
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
