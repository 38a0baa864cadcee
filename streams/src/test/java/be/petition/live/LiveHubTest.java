package be.petition.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live hub's connection limits over real HTTP, with every client connecting at the same moment: a limit is never
 * exceeded however the connects interleave, a refusal says when to retry, and a closed client's slot comes back.
 */
class LiveHubTest {
    private static final int CONNECTS = 100;

    private LiveHub hub;
    private Javalin http;
    private final List<Answer> answers = new ArrayList<>();

    /** One connection and the response head it got. */
    private record Answer(Socket socket, int status, List<String> head) {
    }

    @AfterEach
    void stop() throws IOException {
        for (Answer answer : answers) {
            answer.socket().close();
        }
        // as the service does: end the streams, then stop the server
        if (hub != null) {
            hub.close();
        }
        if (http != null) {
            http.stop();
        }
    }

    @Test
    void oneAddressTakesAtMostItsShareOfTheSlots() throws Exception {
        start(1_000, 20);
        connectAllAtOnce();

        assertThat(answers.stream().filter(answer -> answer.status() == 200)).hasSize(20);
        List<Answer> refused = answers.stream().filter(answer -> answer.status() != 200).toList();
        assertThat(refused).hasSize(CONNECTS - 20).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.head()).anyMatch(line -> line.toLowerCase().startsWith("retry-after:"));
        });
        assertThat(hub.clients()).isEqualTo(20);

        // the slots come back when the clients go (found by the next heartbeat)
        for (Answer answer : answers) {
            answer.socket().close();
        }
        answers.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.clients() == 0);
        Answer again = connect();
        answers.add(again);
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void theInstanceLimitHoldsUnderConcurrentConnects() throws Exception {
        start(20, 0);
        connectAllAtOnce();

        assertThat(answers.stream().filter(answer -> answer.status() == 200)).hasSize(20);
        assertThat(answers.stream().filter(answer -> answer.status() == 503)).hasSize(CONNECTS - 20);
        assertThat(hub.clients()).isEqualTo(20);
    }

    private void start(int maxClients, int maxPerAddress) {
        hub = new LiveHub(() -> Map.of("total", 1), new ObjectMapper(), Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofMillis(100), maxClients, maxPerAddress, 64, Duration.ofSeconds(30),
                new LiveHub.LiveListener() {
                    @Override
                    public void snapshotSent(int clients) {
                    }

                    @Override
                    public void clientDropped() {
                    }
                });
        http = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jetty.host = "127.0.0.1";
            javalin.jetty.port = 0;
            javalin.routes.get("/api/v1/live", hub::connect);
        }).start();
    }

    private void connectAllAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> pending = new ArrayList<>();
        for (int i = 0; i < CONNECTS; i++) {
            pending.add(pool.submit(() -> {
                go.await();
                return connect();
            }));
        }
        go.countDown();
        for (Future<Answer> answer : pending) {
            answers.add(answer.get());
        }
        pool.shutdown();
    }

    private Answer connect() {
        try {
            Socket socket = new Socket("127.0.0.1", http.port());
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            return new Answer(socket, Integer.parseInt(head.get(0).split(" ")[1]), head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
