package be.petition.lifecycle;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a service command in the foreground until Ctrl-C (or any JVM shutdown), then closes the service cleanly.
 * Every {@code petition} command that runs a service (broker, registry, gateway, streams, report, up) stops this way.
 */
public final class UntilStopped {
    private final CountDownLatch stopped;

    private UntilStopped(CountDownLatch stopped) {
        this.stopped = stopped;
    }

    /** Blocks until the JVM shuts down; the shutdown hook closes the service and lets the JVM finish. */
    public static void await(AutoCloseable service, String name) throws InterruptedException {
        closeOnShutdown(service, name).await();
    }

    /**
     * Closes the service when the JVM shuts down, for a command that also waits on something else (the service
     * stopping by itself); {@link #await()} then waits for the close to finish.
     */
    public static UntilStopped closeOnShutdown(AutoCloseable service, String name) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("Stopping the " + name + " failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "stop-" + name));
        return new UntilStopped(stopped);
    }

    /** Blocks until the shutdown hook has closed the service. */
    public void await() throws InterruptedException {
        stopped.await();
    }
}
