package be.petition.registry.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in Schema Registry on 127.0.0.1 that answers from a script: queued answers first, then a fallback.
 * It records every request, so tests can count them and inspect headers.
 */
final class ScriptedRegistry implements AutoCloseable {
    record Answer(int status, String body) {
    }

    record Request(String method, String path, String authorization, String contentType, String body) {
    }

    private final HttpServer server;
    private final Queue<Answer> queued = new ConcurrentLinkedQueue<>();
    private volatile Function<Request, Answer> fallback =
            request -> new Answer(500, "{\"error_code\":50001,\"message\":\"no answer scripted\"}");
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ScriptedRegistry then(int status, String body) {
        queued.add(new Answer(status, body));
        return this;
    }

    ScriptedRegistry otherwise(Function<Request, Answer> answers) {
        fallback = answers;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            requests.add(request);
            Answer answer = queued.poll();
            if (answer == null) {
                answer = fallback.apply(request);
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
