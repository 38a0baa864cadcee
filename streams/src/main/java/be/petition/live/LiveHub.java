package be.petition.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live counter's Server-Sent Events. One scheduler thread computes the snapshot at most {@code 1/interval} times
 * a second, and only when the counts changed does it number a new {@code snapshot} event and hand the same bytes to
 * every client; clients write without blocking ({@link LiveClient}). A new or reconnecting client (with
 * {@code Last-Event-ID}) gets the current snapshot at once. A comment line every heartbeat keeps proxies from
 * closing idle connections and finds clients that are gone. Connections are capped per instance and per client
 * address ({@link ClientAddress}), so one client cannot take every slot.
 */
public final class LiveHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<Map<String, Object>> snapshots;
    private final ObjectMapper json;
    private final Clock clock;
    private final int maxClients;
    private final int maxPerAddress;
    /** Slots taken, counted before a client is registered: checking and taking one is a single atomic step. */
    private final AtomicInteger taken = new AtomicInteger();
    private final Map<String, Integer> takenByAddress = new ConcurrentHashMap<>();
    private final int maxQueuedFrames;
    private final long slowClientNanos;
    private final byte[] retry;
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "petition-live");
        thread.setDaemon(true);
        return thread;
    });
    private final LiveListener listener;
    private volatile byte[] current;
    private byte[] lastContent;
    private long id;

    /** What the hub reports to metrics. */
    public interface LiveListener {
        void snapshotSent(int clients);

        void clientDropped();
    }

    /**
     * @param snapshots computes the snapshot's fields (without {@code asOf}), e.g. {@link LiveSnapshot}; may throw
     *                  while counts are unavailable
     * @param interval the shortest time between two snapshots
     * @param heartbeat the time between heartbeat comments
     * @param maxClients connections beyond this get a 503
     * @param maxPerAddress connections from one client address beyond this get a 429; 0: no limit
     * @param maxQueuedFrames frames a client may have waiting before it is closed
     * @param slowClient how long a client may take no bytes before it is closed
     */
    public LiveHub(Supplier<Map<String, Object>> snapshots, ObjectMapper json, Clock clock, Duration interval,
                   Duration heartbeat, int maxClients, int maxPerAddress, int maxQueuedFrames, Duration slowClient,
                   LiveListener listener) {
        this.snapshots = snapshots;
        this.json = json;
        this.clock = clock;
        this.maxClients = maxClients;
        this.maxPerAddress = maxPerAddress;
        this.maxQueuedFrames = maxQueuedFrames;
        this.slowClientNanos = slowClient.toNanos();
        this.listener = listener;
        this.retry = ("retry: 3000\n\n").getBytes(StandardCharsets.US_ASCII);
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::closeSlowClients, 1, 1, TimeUnit.SECONDS);
    }

    /** Clients connected now. */
    public int clients() {
        return clients.size();
    }

    /** Handles {@code GET /api/v1/live}: keeps the response open and registers it. */
    public void connect(Context ctx) {
        String address = ClientAddress.of(ctx.req().getRemoteAddr());
        if (taken.incrementAndGet() > maxClients) {
            taken.decrementAndGet();
            ctx.status(503).header("Retry-After", "10").json(Map.of("error",
                    "Too many live connections on this instance; try again shortly"));
            return;
        }
        if (!takeAddressSlot(address)) {
            taken.decrementAndGet();
            ctx.status(429).header("Retry-After", "30").json(Map.of("error",
                    "Too many live connections from your address; close some and try again"));
            return;
        }
        Slot slot = new Slot(address);
        try {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream;charset=utf-8");
            ctx.header("Cache-Control", "no-cache, no-transform");
            ctx.header("X-Accel-Buffering", "no");
            ctx.future(() -> open(ctx, slot));
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
    }

    /** A taken slot; whichever path ends the connection first gives it back, once. */
    private final class Slot {
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(String address) {
            this.address = address;
        }

        void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            if (maxPerAddress > 0) {
                takenByAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
            }
            taken.decrementAndGet();
        }
    }

    /** Takes one of the address's slots, unless all are taken; one atomic step per address. */
    private boolean takeAddressSlot(String address) {
        if (maxPerAddress <= 0) {
            return true;
        }
        boolean[] took = {false};
        takenByAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            took[0] = true;
            return now + 1;
        });
        return took[0];
    }

    private CompletableFuture<Void> open(Context ctx, Slot slot) {
        ServletOutputStream out;
        try {
            AsyncContext async = ctx.req().getAsyncContext();
            async.setTimeout(0);
            out = ctx.res().getOutputStream();
        } catch (IOException | RuntimeException e) {
            slot.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        // the client gives its slot back exactly once, when it closes
        LiveClient client = new LiveClient(out, maxQueuedFrames, closed -> {
            clients.remove(closed);
            slot.release();
        });
        clients.add(client);
        out.setWriteListener(client);
        client.send(retry, false);
        byte[] snapshot = current;
        if (snapshot != null) {
            client.send(snapshot, false);
        }
        return client.closed();
    }

    private void refresh() {
        Map<String, Object> fields;
        try {
            fields = snapshots.get();
        } catch (RuntimeException e) {
            LOG.debug("No live snapshot now: {}", e.getMessage());
            return;
        }
        try {
            byte[] content = json.writeValueAsBytes(fields);
            if (lastContent != null && Arrays.equals(content, lastContent)) {
                return;
            }
            lastContent = content;
            Map<String, Object> withTime = new LinkedHashMap<>(fields);
            withTime.put("asOf", clock.instant().toString());
            byte[] frame = ("event: snapshot\nid: " + (++id) + "\ndata: " + json.writeValueAsString(withTime) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            current = frame;
            for (LiveClient client : clients) {
                client.send(frame, false);
            }
            listener.snapshotSent(clients.size());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Could not send a live snapshot", e);
        }
    }

    private void heartbeat() {
        for (LiveClient client : clients) {
            client.send(HEARTBEAT, true);
        }
    }

    private void closeSlowClients() {
        long now = System.nanoTime();
        for (LiveClient client : clients) {
            if (client.blockedLongerThan(slowClientNanos, now)) {
                client.close();
                listener.clientDropped();
            }
        }
    }

    /** Stops the scheduler and ends every open stream. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        for (LiveClient client : clients) {
            client.close();
        }
    }
}
