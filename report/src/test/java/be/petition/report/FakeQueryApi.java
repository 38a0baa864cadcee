package be.petition.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves fixed counts on 127.0.0.1 shaped exactly like the Streams app's query API (be.petition.query.CountQueries):
 * {@code /api/v1/history?bucket=day&by=channel,region} and {@code /api/v1/stats}.
 */
final class FakeQueryApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<DayCount> rows;
    private final CallStats stats;
    final AtomicInteger historyRequests = new AtomicInteger();
    volatile int failWith;
    volatile boolean stale;

    FakeQueryApi(List<DayCount> rows, CallStats stats) throws IOException {
        this.rows = rows;
        this.stats = stats;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/history", this::history);
        server.createContext("/api/v1/stats", this::stats);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void history(HttpExchange exchange) throws IOException {
        historyRequests.incrementAndGet();
        Map<String, String> query = FakeHttp.query(exchange);
        LocalDate from = LocalDate.parse(query.get("from"));
        LocalDate to = LocalDate.parse(query.get("to"));
        if (!"day".equals(query.get("bucket")) || !"channel,region".equals(query.get("by"))
                || to.toEpochDay() - from.toEpochDay() > 1098) {
            send(exchange, 400, Map.of("error", "unexpected query " + query));
            return;
        }
        List<Map<String, Object>> counts = new ArrayList<>();
        long total = 0;
        for (DayCount row : rows) {
            if (!row.day().isBefore(from) && row.day().isBefore(to)) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("day", row.day().toString());
                json.put("channel", row.channel().toUpperCase(Locale.ROOT));
                json.put("region", row.region());
                json.put("count", row.count());
                counts.add(json);
                total += row.count();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaign", "glenn-2023");
        body.put("bucket", "day");
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("by", "channel,region");
        body.put("total", total);
        body.put("counts", counts);
        if (stale) {
            body.put("stale", true);
        }
        body.put("asOf", "2023-12-20T10:00:00Z");
        send(exchange, 200, body);
    }

    private void stats(HttpExchange exchange) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaign", "glenn-2023");
        // one channel per kind: the API gives duplicates by channel and kind, the report sums them per kind
        body.put("duplicates", stats.duplicatesByKind().entrySet().stream().map(kind -> Map.of("channel", "WEB",
                "kind", kind.getKey(), "count", kind.getValue())).toList());
        body.put("duplicatesByKind", stats.duplicatesByKind());
        body.put("uncountableCalls", rows(stats.uncountableCalls()));
        body.put("rejectedRecords", rows(stats.rejectedRecords()));
        body.put("asOf", "2023-12-20T10:00:00Z");
        send(exchange, 200, body);
    }

    private static List<Map<String, Object>> rows(Map<String, Long> byReason) {
        return byReason.entrySet().stream().map(reason -> Map.<String, Object>of("reason", reason.getKey(),
                "count", reason.getValue())).toList();
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        int code = failWith != 0 ? failWith : status;
        byte[] bytes = failWith != 0 ? "{\"error\":\"Counts unavailable\"}".getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(body);
        FakeHttp.json(exchange, code, bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
