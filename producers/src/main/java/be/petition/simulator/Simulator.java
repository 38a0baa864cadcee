package be.petition.simulator;

import be.petition.config.ServiceConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends realistic campaign traffic and keeps the ground truth of what the pipeline should count. Requests go out
 * at the configured rate (or as fast as the target takes them), never more than {@code simulate.max.in.flight}
 * at once; a TV mention now and then multiplies the rate for a few minutes.
 *
 * <p>{@link #run()} sends until the count or duration is reached; {@link #start(ServiceConfig)} runs in the
 * background (for {@code petition up}) until closed.
 */
public final class Simulator implements AutoCloseable {
    public static final String DEFAULTS = "simulator.properties";
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final SimulationSettings settings;
    private final Transport transport;
    private final TrafficPlan plan;
    private final GroundTruth truth;
    private final Semaphore permits;
    private final List<long[]> bursts = new ArrayList<>();
    private final Random burstRandom;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong unconfirmed = new AtomicLong();
    /**
     * Answered requests the plan has not heard of yet: the sending thread tells it, so the thread that answers (the
     * producer's I/O thread at 100k+ records/s) never contends with it for the plan.
     */
    private final Queue<Planned> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<Planned> notAcknowledged = new ConcurrentLinkedQueue<>();
    private final PrintStream progressOut;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Transport.Listener listener = this::answered;
    private volatile boolean stopped;
    private volatile boolean running;

    Simulator(SimulationSettings settings, Transport transport, PrintStream progressOut) {
        this.settings = settings;
        this.transport = transport;
        this.plan = new TrafficPlan(settings);
        this.truth = new GroundTruth(settings.campaign(), settings.seed());
        this.permits = new Semaphore(settings.maxInFlight());
        this.burstRandom = new Random(settings.seed() ^ 0x5DEECE66DL);
        this.progressOut = progressOut;
    }

    /** A simulator for {@code simulator.properties}-style settings; {@code run()} or {@code start()} it. */
    public static Simulator create(ServiceConfig config) {
        SimulationSettings settings = SimulationSettings.from(config);
        Transport transport = settings.target().equals("kafka")
                ? new KafkaTransport(config, settings.campaign())
                : new HttpTransport(settings.gatewayUrl(),
                        settings.appShare() > 0 ? config.secret("app.api.key") : null,
                        secretOrNull(config, "telephony.token"), mailConfirmer(config, settings.seed()),
                        config.duration("simulate.retry.for"));
        return new Simulator(settings, transport, System.err);
    }

    private static MailConfirmer mailConfirmer(ServiceConfig config, long seed) {
        ConfirmSettings confirm = ConfirmSettings.from(config);
        if (!confirm.readsMail()) {
            LOG.warn("No mailbox to read (simulate.mail.imap.port): web signatures and e-mail withdrawals stay pending");
            return null;
        }
        return new MailConfirmer(confirm, seed);
    }

    private static String secretOrNull(ServiceConfig config, String key) {
        if (config.string(key, null) == null && config.string(key + ".file", null) == null) {
            return null;
        }
        return config.secret(key);
    }

    /** Starts sending in the background until {@link #close()}; for {@code petition up}. */
    public static Simulator start(ServiceConfig config) {
        Simulator simulator = create(config);
        simulator.running = true;
        Thread background = new Thread(() -> {
            try {
                simulator.run();
            } catch (RuntimeException e) {
                LOG.error("The simulator stopped: {}", e.getMessage(), e);
            }
        }, "simulator");
        background.setDaemon(true);
        background.start();
        return simulator;
    }

    /** Sends until the count or duration is reached (or {@link #close()}), waits for the answers, writes the truth. */
    public GroundTruth run() {
        running = true;
        try {
            return send();
        } finally {
            finished.countDown();
        }
    }

    private GroundTruth send() {
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "simulator-progress");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        if (settings.progress()) {
            progress.scheduleAtFixedRate(() -> progress(started, false), 1, 1, TimeUnit.SECONDS);
        }
        try {
            long deadline = settings.duration() == null ? Long.MAX_VALUE : started + settings.duration().toNanos();
            long nextAt = started;
            long sent = 0;
            while (!stopped && (settings.count() == 0 || sent < settings.count()) && System.nanoTime() < deadline) {
                if (settings.rate() > 0) {
                    long now = System.nanoTime();
                    // After a stall (a slow target) carry on at the rate rather than catch up in one burst.
                    nextAt = Math.max(nextAt, now - TimeUnit.SECONDS.toNanos(1));
                    nextAt += (long) (1e9 / (settings.rate() * burstFactor(nextAt - started)));
                    while ((now = System.nanoTime()) < nextAt && !stopped) {
                        LockSupport.parkNanos(nextAt - now);
                    }
                }
                if (!permits.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                drainAnswers();
                Planned planned = plan.next();
                truth.sent();
                sent++;
                transport.send(planned, listener);
            }
            if (!permits.tryAcquire(settings.maxInFlight(), 60, TimeUnit.SECONDS)) {
                LOG.warn("{} requests were still unanswered after 60 s", settings.maxInFlight() - permits.availablePermits());
            } else {
                permits.release(settings.maxInFlight());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            progress.shutdownNow();
            if (settings.progress()) {
                progress(started, true);
            }
        }
        writeTruth();
        return truth;
    }

    private void answered(Planned planned, int status, String eventId, long eventTime) {
        try {
            if (status >= 200 && status < 300 && eventId == null) {
                unconfirmed.incrementAndGet();
                truth.unconfirmed(planned);
                notAcknowledged.offer(planned);
            } else if (status >= 200 && status < 300) {
                accepted.incrementAndGet();
                truth.accepted(planned, eventId, eventTime);
                acknowledged.offer(planned);
            } else if (status < 0) {
                failed.incrementAndGet();
                truth.transportFailed();
                notAcknowledged.offer(planned);
            } else {
                refused.incrementAndGet();
                truth.refused(planned);
                notAcknowledged.offer(planned);
            }
        } finally {
            permits.release();
        }
    }

    private void drainAnswers() {
        Planned planned;
        while ((planned = acknowledged.poll()) != null) {
            plan.completed(planned, true);
        }
        while ((planned = notAcknowledged.poll()) != null) {
            plan.completed(planned, false);
        }
    }

    /** How many times the base rate applies now: a TV mention (a burst) multiplies it for a while. */
    private double burstFactor(long elapsedNanos) {
        if (settings.burstFactor() <= 1 || settings.burstEvery().isZero()) {
            return 1;
        }
        while (bursts.isEmpty() || bursts.get(bursts.size() - 1)[1] < elapsedNanos) {
            long from = bursts.isEmpty() ? 0 : bursts.get(bursts.size() - 1)[1];
            long gap = (long) (-Math.log(1 - burstRandom.nextDouble()) * settings.burstEvery().toNanos());
            bursts.add(new long[] {from + gap, from + gap + settings.burstLength().toNanos()});
        }
        long[] last = bursts.get(bursts.size() - 1);
        return elapsedNanos >= last[0] && elapsedNanos < last[1] ? settings.burstFactor() : 1;
    }

    private void progress(long started, boolean last) {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        long sent = truth.sentCount();
        // The expected total is worked out from every acknowledged record, so only once, at the end.
        progressOut.printf("\rsimulate: %d sent (%.0f/s) | %d accepted, %d never confirmed, %d refused, %d undelivered"
                        + " | %d in flight%s   %s",
                sent, sent / seconds, accepted.get(), unconfirmed.get(), refused.get(), failed.get(),
                settings.maxInFlight() - permits.availablePermits(), last ? " | expected total " + truth.total() : "",
                last ? "\n" : "");
        progressOut.flush();
    }

    private void writeTruth() {
        if (settings.truthFile() == null) {
            return;
        }
        try {
            truth.write(Path.of(settings.truthFile()));
        } catch (IOException e) {
            LOG.error("Cannot write the ground truth to {}: {}", settings.truthFile(), e.getMessage());
        }
    }

    public GroundTruth truth() {
        return truth;
    }

    /** Stops sending, waits for the answers under way (and writes the truth when a file is configured). */
    @Override
    public void close() {
        stopped = true;
        if (running) {
            try {
                finished.await(Duration.ofSeconds(70).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        transport.close();
    }
}
