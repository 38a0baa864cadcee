package be.petition.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the confirmation funnel from the gateways' {@code /metrics} ({@code report.gateway.metrics.urls}) and sums it.
 * A gateway that cannot be read (down, an error, an answer that is not the expected metrics) is named in the report
 * and left out of the sums: it never stops the report, whose own figures come from the query API.
 */
public final class GatewayFunnelReader {
    private static final Set<String> NAMES = Set.of(ConfirmationFunnel.CONFIRMATIONS, ConfirmationFunnel.MAILS);

    private final List<String> urls;
    private final Duration timeout;
    private final HttpClient http;

    public GatewayFunnelReader(List<String> urls, Duration timeout) {
        this.urls = List.copyOf(urls);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The funnel summed over every gateway that could be read; {@link ConfirmationFunnel#NOT_CONFIGURED} without urls. */
    public ConfirmationFunnel read() {
        if (urls.isEmpty()) {
            return ConfirmationFunnel.NOT_CONFIGURED;
        }
        List<String> read = new ArrayList<>();
        List<ConfirmationFunnel.Unreadable> unreadable = new ArrayList<>();
        ConfirmationFunnel.Counts sum = ConfirmationFunnel.Counts.ZERO;
        for (String url : urls) {
            try {
                sum = sum.plus(ConfirmationFunnel.Counts.of(PrometheusText.parse(get(url), NAMES)));
                read.add(url);
            } catch (Unreadable e) {
                unreadable.add(new ConfirmationFunnel.Unreadable(url, e.getMessage()));
            } catch (PrometheusText.FormatException e) {
                unreadable.add(new ConfirmationFunnel.Unreadable(url, "not Prometheus metrics, " + e.getMessage()));
            }
        }
        return new ConfirmationFunnel(true, read, unreadable, sum);
    }

    private String get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "text/plain; version=0.0.4").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new Unreadable("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new Unreadable(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreadable("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new Unreadable("HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static final class Unreadable extends RuntimeException {
        Unreadable(String why) {
            super(why, null, false, false);
        }
    }
}
