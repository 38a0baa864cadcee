package be.petition.live;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One open {@code /api/v1/live} response, written with non-blocking servlet I/O: {@link #send} queues the frame and
 * writes what the socket takes now; the container calls {@link #onWritePossible()} when it takes more. No thread
 * waits for a client, so a slow client only grows its own queue, and is closed when that queue is full or it has
 * not taken a byte for too long.
 */
final class LiveClient implements WriteListener {
    private final ServletOutputStream out;
    private final int maxQueuedFrames;
    private final Consumer<LiveClient> onClose;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private boolean flushNeeded;
    private long blockedSince;

    LiveClient(ServletOutputStream out, int maxQueuedFrames, Consumer<LiveClient> onClose) {
        this.out = out;
        this.maxQueuedFrames = maxQueuedFrames;
        this.onClose = onClose;
    }

    /** Completes when the client is gone or was closed. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    /**
     * Queues a frame and writes what can be written now. A heartbeat ({@code optional}) is skipped when frames are
     * still waiting: they keep the connection alive anyway.
     */
    synchronized void send(byte[] frame, boolean optional) {
        if (closed.isDone() || optional && !queue.isEmpty()) {
            return;
        }
        if (queue.size() >= maxQueuedFrames) {
            close();
            return;
        }
        queue.add(frame);
        drain();
    }

    /** True when the socket has taken nothing for longer than {@code nanos}. */
    synchronized boolean blockedLongerThan(long nanos, long now) {
        return blockedSince != 0 && now - blockedSince > nanos;
    }

    @Override
    public synchronized void onWritePossible() {
        blockedSince = 0;
        drain();
    }

    @Override
    public void onError(Throwable error) {
        close();
    }

    void close() {
        synchronized (this) {
            if (closed.isDone()) {
                return;
            }
            queue.clear();
            closed.complete(null);
        }
        onClose.accept(this);
    }

    private void drain() {
        if (closed.isDone()) {
            return;
        }
        try {
            while (out.isReady()) {
                byte[] next = queue.poll();
                if (next != null) {
                    out.write(next);
                    flushNeeded = true;
                } else if (flushNeeded) {
                    flushNeeded = false;
                    out.flush();
                } else {
                    blockedSince = 0;
                    return;
                }
            }
            if (blockedSince == 0) {
                blockedSince = System.nanoTime();
            }
        } catch (IOException | RuntimeException e) {
            closeLater();
        }
    }

    /** Closing calls back into the hub; never do that while holding this client's lock. */
    private void closeLater() {
        CompletableFuture.runAsync(this::close);
    }
}
