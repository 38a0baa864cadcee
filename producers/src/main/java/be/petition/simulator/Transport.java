package be.petition.simulator;

import java.util.concurrent.CompletableFuture;

/** Where simulated requests go: the gateway over HTTP, or straight to Kafka. */
interface Transport extends AutoCloseable {
    /** Completes with the HTTP status the request got (202 when accepted), or -1 when it could not be delivered. */
    CompletableFuture<Integer> send(Planned planned);

    @Override
    void close();
}
