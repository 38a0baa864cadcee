package be.petition.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests of what a burst of new clients meets at one of the project's HTTP servers while it accepts none (at its
 * connection limit): held in the kernel's accept queue and served later, or their SYNs dropped, so that each waits for
 * TCP's retry (1, 3, 7 s). Raw sockets, so that nothing in between opens, pools or retries connections.
 */
public final class ConnectionBurst {
    /** Under TCP's first SYN retry (1 s): a connect that takes longer had its SYN dropped. */
    private static final int CONNECT_TIMEOUT_MS = 900;
    private static final int ANSWER_TIMEOUT_MS = 20_000;
    /** One dropped connection fails a test; a few say how early the queue overflowed. */
    private static final int DROPS_REPORTED = 3;

    private ConnectionBurst() {
    }

    /**
     * What the burst met.
     *
     * @param underLimit the status line and headers of {@code GET path} on each of the first {@code limit} connections
     * @param dropped the burst's connections not queued ("connection 51", ...), at most three
     * @param last the answer on the burst's last connection once every other connection closed; null when some were
     *     dropped (the burst stops there)
     */
    public record Outcome(List<String> underLimit, List<String> dropped, String last) {
    }

    /**
     * Opens {@code limit} connections and asks each for {@code path} (the server is then at its limit), opens
     * {@code burst} more at once, then closes all but the burst's last and asks that one for {@code path}.
     */
    public static Outcome atLimit(int port, int limit, int burst, String path) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        List<Socket> held = new ArrayList<>();
        List<Socket> queued = new ArrayList<>();
        try {
            List<String> underLimit = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                Socket socket = connect(address, held);
                underLimit.add(get(socket, path));
            }
            List<String> dropped = new ArrayList<>();
            for (int i = 0; i < burst && dropped.size() < DROPS_REPORTED; i++) {
                try {
                    connect(address, queued);
                } catch (SocketTimeoutException e) {
                    dropped.add("connection " + (limit + i));
                }
            }
            if (!dropped.isEmpty()) {
                return new Outcome(underLimit, dropped, null);
            }
            close(held);
            Socket last = queued.remove(queued.size() - 1);
            close(queued);
            queued.add(last);
            return new Outcome(underLimit, dropped, get(last, path));
        } finally {
            close(held);
            close(queued);
        }
    }

    private static Socket connect(InetSocketAddress address, List<Socket> into) throws IOException {
        Socket socket = new Socket();
        into.add(socket);
        socket.connect(address, CONNECT_TIMEOUT_MS);
        return socket;
    }

    /** The status line and headers of {@code GET path}, waiting up to 20 s for the server to accept the connection. */
    private static String get(Socket socket, String path) throws IOException {
        socket.setSoTimeout(ANSWER_TIMEOUT_MS);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        int read = in.read(buffer);
        return read < 0 ? "closed" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
    }

    private static void close(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }
}
