package be.petition.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit on a schedule ({@code petition audit --every 1h}): audits at once and then every interval (from the start
 * of one audit to the next; an audit longer than the interval is followed at once by the next), and keeps the last
 * result in {@link AuditMetrics}. A failed audit is logged, counted, and tried again at the next interval.
 */
public final class AuditService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);

    private final AuditSettings settings;
    private final Clock clock;
    private final AuditMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "petition-audit");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch stopped = new CountDownLatch(1);

    private AuditService(AuditSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = new AuditMetrics(settings.metricsHost(), settings.metricsPort());
    }

    static AuditService start(AuditSettings settings, Duration interval, Clock clock) {
        AuditService service = new AuditService(settings, clock);
        service.timer.scheduleAtFixedRate(service::auditOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return service;
    }

    int metricsPort() {
        return metrics.port();
    }

    private void auditOnce() {
        try {
            AuditResult result = new Audit(settings, clock).run(ProgressBar.SILENT);
            metrics.recorded(result);
            if (result.equal()) {
                LOG.info("Audit: equal in all {} cells; {} records at {} records/s", result.cellsCompared(),
                        result.records(), Math.round(result.recordsPerSecond()));
            } else {
                LOG.warn("Audit: {} cells differ (sum of absolute differences {}):\n{}", result.differences().size(),
                        result.absoluteDifference(), AuditReport.text(result));
            }
        } catch (RuntimeException e) {
            // the schedule goes on: the next audit may find Kafka or the API back
            metrics.failed();
            LOG.error("Audit failed: {}", e.getMessage());
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
        metrics.close();
        stopped.countDown();
    }
}
