package be.petition.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/** A service's HTTP side (the Streams app's query API, the gateway's health), asked past any cache. */
final class ServiceHttp {
    private static final Duration POLL = Duration.ofMillis(100);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    ServiceHttp(String baseUrl) {
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

    /** Returns once {@code /health/ready} answers 200 (the Streams app: RUNNING; the gateway: Kafka reachable). */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long next = System.nanoTime();
        while (get("/health/ready") == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(baseUrl + " was not ready within " + timeout.toSeconds() + " s");
            }
            next += POLL.toNanos();
            LockSupport.parkNanos(next - System.nanoTime());
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
