package be.petition.bench;

import be.petition.gateway.TwilioSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends the i-th new caller's signed status callback at start + i / rate over keep-alive HTTP/1.1 connections, one
 * request at a time on each, from one thread and one selector; never more than {@code maxConnections} open. Java's
 * {@code HttpClient} cost more CPU per request than the gateway it measured (a third of the machine at 2,000/s,
 * profiled), and the sender shares the machine's two cores with the pipeline: behind its schedule, the run measures
 * the sender.
 */
final class CallbackSender {
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINE_END = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private final TwilioSignature signature;
    private final URI calls;
    private final InetSocketAddress address;
    private final String name;
    private final int firstCaller;
    private final long rate;
    private final int maxConnections;
    private final Duration timeout;
    /** When each acknowledged request's 202 arrived, in acknowledgement order. */
    final long[] answered;
    /** Send to 202, in acknowledgement order like {@link #answered}. */
    final long[] latencies;
    int acknowledged;
    final Map<Integer, Long> statuses = new TreeMap<>();
    /** By exception class and message: a refused connection, a timeout and a closed connection differ. */
    final Map<String, Long> errors = new TreeMap<>();
    int sent;
    double sendSeconds;
    /** Requests written and not yet answered or failed. */
    private int underWay;

    CallbackSender(String gatewayUrl, String telephonyToken, String name, int firstCaller, long rate, int seconds,
                   int maxConnections, Duration timeout) {
        this.signature = new TwilioSignature(telephonyToken);
        this.calls = URI.create(gatewayUrl + "/v1/telephony/calls");
        this.address = new InetSocketAddress(calls.getHost(), calls.getPort());
        this.name = name;
        this.firstCaller = firstCaller;
        this.rate = rate;
        this.maxConnections = maxConnections;
        this.timeout = timeout;
        this.answered = new long[Math.toIntExact(rate * seconds)];
        this.latencies = new long[answered.length];
    }

    /** Sends every request on schedule (or as soon as a connection is free), then waits for the last answers. */
    void run() throws IOException {
        try (Selector selector = Selector.open()) {
            ArrayDeque<Connection> idle = new ArrayDeque<>();
            List<Connection> open = new ArrayList<>();
            long started = System.nanoTime();
            long deadline = Long.MAX_VALUE;
            long nextExpiry = started;
            while (sent < answered.length || underWay > 0) {
                long now = System.nanoTime();
                while (sent < answered.length && now >= started + sent * 1_000_000_000L / rate) {
                    Connection connection = idle.poll();
                    while (connection != null && !connection.channel.isOpen()) {
                        connection = idle.poll();
                    }
                    if (connection == null && open.size() < maxConnections) {
                        connection = connect(selector, open);
                    }
                    if (connection == null) {
                        break;
                    }
                    connection.send(request(sent), now);
                    sent++;
                    now = System.nanoTime();
                }
                if (sent == answered.length && deadline == Long.MAX_VALUE) {
                    sendSeconds = (now - started) / 1e9;
                    deadline = now + timeout.toNanos();
                }
                long wait = sent < answered.length ? started + sent * 1_000_000_000L / rate - now : 10_000_000L;
                selector.select(Math.max(1, wait / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (connection.io(key)) {
                        idle.add(connection);
                    } else if (!connection.channel.isOpen()) {
                        open.remove(connection);
                    }
                }
                selector.selectedKeys().clear();
                now = System.nanoTime();
                if (now >= nextExpiry) {
                    expire(open, now, deadline);
                    nextExpiry = now + 100_000_000L;
                }
            }
            for (Connection connection : open) {
                connection.channel.close();
            }
        }
    }

    /**
     * Requests older than the timeout, and every one still under way past the final deadline, end as errors; closed
     * connections leave the pool.
     */
    private void expire(List<Connection> open, long now, long deadline) {
        for (Connection connection : List.copyOf(open)) {
            if (connection.sentAt != 0 && (now - connection.sentAt > timeout.toNanos() || now > deadline)) {
                connection.fail("HttpTimeoutException: no answer within " + timeout.toSeconds() + " s");
            }
            if (!connection.channel.isOpen()) {
                open.remove(connection);
            }
        }
    }

    /** A new connection, still connecting: its first request is written once it is connected. */
    private Connection connect(Selector selector, List<Connection> open) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            Connection connection = new Connection(channel);
            boolean connected = channel.connect(address);
            connection.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
                    connection);
            open.add(connection);
            return connection;
        } catch (IOException e) {
            errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
            return null;
        }
    }

    /** The i-th caller's callback: a completed 30 s call, signed as the telephony provider signs it. */
    private byte[] request(int i) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("CallSid", List.of(name + "-" + i));
        form.put("From", List.of(String.format("+3247%07d", firstCaller + i)));
        form.put("To", List.of("+3278151515"));
        form.put("CallStatus", List.of("completed"));
        form.put("CallDuration", List.of("30"));
        StringBuilder body = new StringBuilder();
        form.forEach((field, values) -> body.append(body.isEmpty() ? "" : "&").append(field).append('=')
                .append(URLEncoder.encode(values.get(0), StandardCharsets.UTF_8)));
        byte[] content = body.toString().getBytes(StandardCharsets.UTF_8);
        String head = "POST " + calls.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + calls.getHost() + ":" + calls.getPort() + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "X-Twilio-Signature: " + signature.sign(calls.toString(), form) + "\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return request;
    }

    /** One keep-alive connection with at most one request under way. */
    private final class Connection {
        private final SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer out = ByteBuffer.allocate(0);
        private ByteBuffer in = ByteBuffer.allocate(1024);
        /** When the request under way was written; 0 when the connection is idle. */
        private long sentAt;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void send(byte[] request, long now) {
            out = ByteBuffer.wrap(request);
            sentAt = now;
            underWay++;
            if (channel.isConnectionPending()) {
                return;
            }
            try {
                write();
            } catch (IOException e) {
                fail(e);
            }
        }

        private void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Writes what is left of the request or reads its answer; true when the connection is idle again. */
        boolean io(SelectionKey key) {
            try {
                if (key.isValid() && key.isConnectable() && channel.finishConnect()) {
                    write();
                    return false;
                }
                if (key.isValid() && key.isWritable()) {
                    write();
                }
                if (key.isValid() && key.isReadable()) {
                    if (!in.hasRemaining()) {
                        in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                    }
                    if (channel.read(in) < 0) {
                        throw new IOException("the gateway closed the connection");
                    }
                    return answered();
                }
            } catch (IOException e) {
                fail(e);
            }
            return false;
        }

        /** Records the answer once it is whole; the connection stays open unless the gateway said to close it. */
        private boolean answered() throws IOException {
            Response response = Response.parse(in.array(), in.position());
            if (response == null) {
                return false;
            }
            long now = System.nanoTime();
            if (sentAt == 0) {
                throw new IOException("an answer without a request");
            }
            if (response.status() == 202) {
                int k = acknowledged++;
                answered[k] = now;
                latencies[k] = now - sentAt;
            } else {
                statuses.merge(response.status(), 1L, Long::sum);
            }
            sentAt = 0;
            underWay--;
            in.clear();
            if (response.close()) {
                channel.close();
                return false;
            }
            return true;
        }

        void fail(IOException e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        void fail(String error) {
            if (sentAt != 0) {
                errors.merge(error, 1L, Long::sum);
                underWay--;
            }
            sentAt = 0;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to lose
            }
        }
    }

    /** What the sender needs of an HTTP/1.1 answer: its status and whether the connection ends with it. */
    record Response(int status, boolean close) {
        /** The answer in {@code bytes[0, length)}, or null while it is not whole. */
        static Response parse(byte[] bytes, int length) throws IOException {
            int headersEnd = indexOf(bytes, 0, length, HEADERS_END);
            if (headersEnd < 0) {
                return null;
            }
            String[] lines = new String(bytes, 0, headersEnd, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.1 answer: " + lines[0]);
            }
            int contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String field = colon < 0 ? "" : lines[i].substring(0, colon).trim().toLowerCase();
                String value = colon < 0 ? "" : lines[i].substring(colon + 1).trim().toLowerCase();
                switch (field) {
                    case "content-length" -> contentLength = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close");
                    default -> {
                    }
                }
            }
            int body = headersEnd + HEADERS_END.length;
            boolean whole = chunked ? chunksEnd(bytes, body, length) >= 0
                    : length >= body + Math.max(0, contentLength);
            return whole ? new Response(Integer.parseInt(statusLine[1]), close) : null;
        }

        /** Where a chunked body ends (after its last, empty chunk), or -1 while it is not whole. */
        private static int chunksEnd(byte[] bytes, int from, int length) throws IOException {
            int position = from;
            while (true) {
                int lineEnd = indexOf(bytes, position, length, LINE_END);
                if (lineEnd < 0) {
                    return -1;
                }
                String size = new String(bytes, position, lineEnd - position, StandardCharsets.US_ASCII);
                int semicolon = size.indexOf(';');
                int chunk;
                try {
                    chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("a malformed chunk size: " + size);
                }
                position = lineEnd + 2 + chunk + 2;
                if (position > length) {
                    return -1;
                }
                if (chunk == 0) {
                    return position;
                }
            }
        }

        private static int indexOf(byte[] bytes, int from, int length, byte[] pattern) {
            outer:
            for (int i = from; i <= length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (bytes[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
