package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.stack.ConnectionBurst;
import be.petition.stack.EmbeddedStackExtension;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page's burst of visitors after a broadcast: new connections while the instance accepts none (here: at its
 * connection limit) wait in the kernel's accept queue, sized by {@code streams.http.accept.queue}, and are served once
 * it accepts again. With Java's default queue of 50 the connections beyond it had their SYNs dropped.
 */
@ExtendWith(EmbeddedStackExtension.class)
class QueryAcceptQueueIT {
    private static final int LIMIT = 4;
    private static final int BURST = 120;

    @TempDir
    Path tmp;

    @Test
    void aBurstOfVisitorsBeyondJavasDefaultQueueIsHeldAndServed() throws Exception {
        try (PipelineRig rig = new PipelineRig(EmbeddedStackExtension.stack(), Map.of(
                QueryServerSettings.MAX_CONNECTIONS, Integer.toString(LIMIT),
                QueryServerSettings.ACCEPT_QUEUE, "256"));
             CountingService service = CountingService.start(rig.config(tmp.resolve("state")))) {
            int port = URI.create(service.httpUrl()).getPort();
            ConnectionBurst.Outcome outcome = ConnectionBurst.atLimit(port, LIMIT, BURST, "/health/live");

            assertThat(outcome.underLimit()).hasSize(LIMIT).allMatch(answer -> answer.startsWith("HTTP/1.1 200"));
            assertThat(outcome.dropped()).as("connections not queued while the instance is at its limit").isEmpty();
            assertThat(outcome.last()).as("the last of the burst, once the instance accepts again")
                    .startsWith("HTTP/1.1 200");
        }
    }
}
