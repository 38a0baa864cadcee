package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.stack.ConnectionBurst;
import be.petition.stack.EmbeddedStack;
import be.petition.stack.EmbeddedStackExtension;
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

    @Test
    void aBurstOfConnectionsBeyondJavasDefaultQueueIsHeldAndServed() throws Exception {
        EmbeddedStack stack = EmbeddedStackExtension.stack();
        try (GatewayServer gateway = GatewayServer.start(GatewayIT.config(stack.bootstrapServers(),
                stack.schemaRegistryUrl(), Map.of(GatewayServer.HTTP_MAX_CONNECTIONS, Integer.toString(LIMIT),
                        GatewayServer.HTTP_ACCEPT_QUEUE, "256", GatewayServer.TELEPHONY_UNSIGNED, "true")))) {
            ConnectionBurst.Outcome outcome = ConnectionBurst.atLimit(gateway.port(), LIMIT, BURST, "/health/live");

            assertThat(outcome.underLimit()).hasSize(LIMIT).allMatch(answer -> answer.startsWith("HTTP/1.1 200"));
            assertThat(outcome.dropped()).as("connections not queued while the gateway is at its limit").isEmpty();
            assertThat(outcome.last()).as("the last of the burst, once the gateway accepts again")
                    .startsWith("HTTP/1.1 200");
        }
    }
}
