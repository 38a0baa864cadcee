package be.petition.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly report on a schedule ({@code petition report --every monday}): at
 * {@code report.schedule.day} and {@code report.schedule.time} (Brussels) it writes the past week's report once,
 * and retries after {@code report.schedule.retry} when the query API cannot give exact counts.
 */
public final class ReportService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);

    private final ReportSettings settings;
    private final Clock clock;
    private final ReportSchedule schedule;
    private final Path outDir;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "petition-report");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ReportService(ReportSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.outDir = Path.of(settings.outDir());
        this.schedule = new ReportSchedule(new ReportGenerator(settings, clock), outDir, settings.scheduleDay(),
                settings.scheduleTime());
    }

    /** Starts the schedule with the {@code report.*} settings; a report already due is written at once. */
    static ReportService start(ReportSettings settings, Clock clock) {
        ReportService service = new ReportService(settings, clock);
        LOG.info("Weekly report every {} at {} (Brussels time) into {}",
                settings.scheduleDay().toString().toLowerCase(Locale.ROOT), settings.scheduleTime(),
                service.outDir.toAbsolutePath());
        service.timer.execute(service::tick);
        return service;
    }

    public ReportSettings settings() {
        return settings;
    }

    private void tick() {
        Instant now = clock.instant();
        Instant next;
        try {
            Optional<ReportWeek> written = schedule.runDue(now);
            written.ifPresent(week -> LOG.info("Weekly report {} written to {}", week, outDir.toAbsolutePath()));
            next = schedule.nextRun(now);
        } catch (RuntimeException e) {
            LOG.error("Weekly report not written: {} Trying again in {}.", e.getMessage(), settings.scheduleRetry());
            next = now.plus(settings.scheduleRetry());
        }
        long delay = Math.max(1000, Duration.between(clock.instant(), next).toMillis());
        if (!timer.isShutdown()) {
            timer.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Blocks until {@link #close()}. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
    }
}
