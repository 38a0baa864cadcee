package be.petition.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/** The Streams app's query API as the public sees it, asked past any cache. */
final class QueryApi {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    QueryApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code /api/v1/total}'s total; empty while the app does not answer (starting, rebalancing). */
    OptionalLong total() throws InterruptedException {
        String body = get("/api/v1/total");
        if (body == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Bench.JSON.readTree(body).path("total").asLong());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** A 200's body, or null on any other answer or no answer. */
    String get(String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Cache-Control", "no-cache")
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
