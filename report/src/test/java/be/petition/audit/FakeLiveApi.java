package be.petition.audit;

import be.petition.report.FakeHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves fixed counts on 127.0.0.1 shaped like the Streams app's query API (be.petition.query.CountQueries):
 * {@code /api/v1/counts?by=channel,region} and {@code /api/v1/history?bucket=day&by=channel,region&from&to}.
 */
final class FakeLiveApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<Cell, Long> counts;

    FakeLiveApi(Map<Cell, Long> counts) throws IOException {
        this.counts = counts;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/counts", this::counts);
        server.createContext("/api/v1/history", this::history);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void counts(HttpExchange exchange) throws IOException {
        Map<String, String> query = FakeHttp.query(exchange);
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.forEach((cell, count) -> {
            if (!cell.isDay() && cell.campaign().equals(query.get("campaign"))) {
                rows.add(row(null, cell, count));
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaign", query.get("campaign"));
        body.put("by", query.get("by"));
        body.put("counts", rows);
        body.put("rollups", List.of());
        body.put("asOf", "2023-12-20T10:00:00Z");
        send(exchange, body);
    }

    private void history(HttpExchange exchange) throws IOException {
        Map<String, String> query = FakeHttp.query(exchange);
        LocalDate from = LocalDate.parse(query.get("from"));
        LocalDate to = LocalDate.parse(query.get("to"));
        List<Map<String, Object>> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<Cell, Long> entry : counts.entrySet()) {
            Cell cell = entry.getKey();
            if (cell.isDay() && cell.campaign().equals(query.get("campaign")) && !cell.day().isBefore(from)
                    && cell.day().isBefore(to)) {
                rows.add(row(cell.day().toString(), cell, entry.getValue()));
                total += entry.getValue();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaign", query.get("campaign"));
        body.put("bucket", "day");
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("by", query.get("by"));
        body.put("total", total);
        body.put("counts", rows);
        body.put("asOf", "2023-12-20T10:00:00Z");
        send(exchange, body);
    }

    private static Map<String, Object> row(String day, Cell cell, long count) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (day != null) {
            row.put("day", day);
        }
        row.put("channel", cell.channel());
        row.put("region", cell.region());
        row.put("count", count);
        return row;
    }

    private static void send(HttpExchange exchange, Object body) throws IOException {
        FakeHttp.json(exchange, 200, JSON.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
