package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A burst of new connections while the gateway accepts none (here: at its connection limit) waits in the kernel's
 * accept queue, sized by {@code gateway.http.accept.queue}, and is served once the gateway accepts again. With Java's
 * default queue of 50, the connections beyond it had their SYNs dropped and waited a second or more for TCP's retry.
 */
@ExtendWith(EmbeddedStackExtension.class)
class AcceptQueueIT {
    private static final int LIMIT = 4;
    private static final int BURST = 120;
    /** Under TCP's first SYN retry (1 s): a connect that takes longer had its SYN dropped. */
    private static final int CONNECT_TIMEOUT_MS = 900;

    @Test
    void aBurstOfConnectionsBeyondJavasDefaultQueueIsHeldAndServed() throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        List<Socket> held = new ArrayList<>();
        List<Socket> burst = new ArrayList<>();
        try (GatewayServer gateway = GatewayServer.start(GatewayIT.config(stack.bootstrapServers(),
                stack.schemaRegistryUrl(), Map.of(GatewayServer.HTTP_MAX_CONNECTIONS, Integer.toString(LIMIT),
                        GatewayServer.HTTP_ACCEPT_QUEUE, "256", GatewayServer.TELEPHONY_UNSIGNED, "true")))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", gateway.port());
            for (int i = 0; i < LIMIT; i++) {
                Socket socket = connect(address);
                held.add(socket);
                assertThat(answer(socket)).as("connection %d, under the limit", i).startsWith("HTTP/1.1 200");
            }
            List<String> dropped = new ArrayList<>();
            for (int i = 0; i < BURST && dropped.size() < 3; i++) {
                try {
                    burst.add(connect(address));
                } catch (SocketTimeoutException e) {
                    dropped.add("connection " + i);
                }
            }
            assertThat(dropped).as("connections not queued while the gateway is at its limit").isEmpty();

            for (Socket socket : held) {
                socket.close();
            }
            for (Socket socket : burst.subList(0, BURST - 1)) {
                socket.close();
            }
            assertThat(answer(burst.get(BURST - 1))).as("the last of the burst, once the gateway accepts again")
                    .startsWith("HTTP/1.1 200");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            for (Socket socket : burst) {
                socket.close();
            }
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, CONNECT_TIMEOUT_MS);
        return socket;
    }

    /** The status line and headers of a liveness check on {@code socket}, waiting up to 20 s to be accepted. */
    private static String answer(Socket socket) throws IOException {
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        int read = in.read(buffer);
        return read < 0 ? "closed" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
    }
}
