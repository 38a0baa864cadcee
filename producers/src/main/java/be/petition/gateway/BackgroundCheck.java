package be.petition.gateway;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A check run on a thread of its own every interval, so that readiness and the hand-off answer at once from its last
 * result instead of waiting for a slow or absent server. A check that throws counts as failed.
 */
final class BackgroundCheck implements AutoCloseable {
    private final ScheduledExecutorService checker;
    private volatile boolean passing;

    /**
     * @param initially the result until the first check ends
     * @param firstAfter when the first check runs
     */
    BackgroundCheck(String threadName, Duration interval, boolean initially, Duration firstAfter,
                    BooleanSupplier check) {
        this.passing = initially;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(() -> {
            try {
                passing = check.getAsBoolean();
            } catch (RuntimeException e) {
                passing = false;
            }
        }, firstAfter.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean passing() {
        return passing;
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
