package be.petition.stack;

import java.util.concurrent.CountDownLatch;

/** Keeps a service command in the foreground until Ctrl-C (or any JVM shutdown), then closes the service cleanly. */
public final class UntilStopped {

    private UntilStopped() {
    }

    /** Blocks until the JVM shuts down; the shutdown hook closes the service and lets the JVM finish. */
    public static void await(AutoCloseable service, String name) throws InterruptedException {
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
        stopped.await();
    }
}
