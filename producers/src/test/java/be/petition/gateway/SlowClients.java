package be.petition.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections that send a request's headers, then its body one byte at a time (the slow-client attack). One
 * thread drives them all; a connection counts as cut once the gateway answered or closed it.
 */
final class SlowClients implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Boolean> cut = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();

    SlowClients(String host, int port, int count, String path) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket(host, port);
            socket.setSoTimeout(1);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type:"
                    + " application/json\r\nContent-Length: 4000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            sockets.add(socket);
            cut.add(false);
            answers.add("");
        }
    }

    /** Sends one more body byte on every connection still open; notes the ones the gateway answered or closed. */
    synchronized void trickle() {
        for (int i = 0; i < sockets.size(); i++) {
            if (cut.get(i)) {
                continue;
            }
            Socket socket = sockets.get(i);
            try {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[512];
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    read = 0; // nothing from the gateway yet
                }
                if (read != 0) {
                    cut.set(i, true);
                    answers.set(i, read < 0 ? "closed" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                out.write(' ');
                out.flush();
            } catch (IOException e) {
                cut.set(i, true);
                answers.set(i, "closed");
            }
        }
    }

    synchronized boolean allCut() {
        return !cut.contains(false);
    }

    /** What the gateway answered each cut connection: its status line, or "closed". */
    synchronized List<String> answers() {
        return answers.stream().map(a -> a.lines().findFirst().orElse("")).toList();
    }

    @Override
    public synchronized void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
