package be.petition.simulator;

import be.petition.gateway.TwilioSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Sends requests to the gateway with the JDK's asynchronous HTTP client: no thread waits for an answer. */
final class HttpTransport implements Transport {
    private final String base;
    private final String apiKey;
    private final TwilioSignature telephony;
    private final HttpClient client;

    HttpTransport(String gatewayUrl, String apiKey, String telephonyToken) {
        this.base = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
        this.apiKey = apiKey;
        this.telephony = telephonyToken == null ? null : new TwilioSignature(telephonyToken);
        // No executor of our own: with one, the JDK client hops every answer to CompletableFuture's default
        // executor, which on a machine with two cores starts a new thread per answer.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public CompletableFuture<Integer> send(Planned planned) {
        String url = base + planned.path();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", planned.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(planned.body()));
        if (planned.path().equals(TrafficPlan.APP) && apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        if (planned.form() != null && telephony != null) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            planned.form().forEach((name, value) -> params.put(name, List.of(value)));
            request.header("X-Twilio-Signature", telephony.sign(url, params));
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error != null ? -1 : response.statusCode());
    }

    @Override
    public void close() {
        // the JDK 17 client has nothing to close: its connections and threads go when it is unreachable
    }
}
