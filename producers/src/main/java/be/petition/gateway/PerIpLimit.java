package be.petition.gateway;

import io.javalin.http.Context;

/**
 * Refuses with 429 and Retry-After a client address (an IPv6 one by its /64) that spent its budget; {@link #OFF} lets
 * everyone through.
 */
final class PerIpLimit {
    static final PerIpLimit OFF = new PerIpLimit(null, null);

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;

    PerIpLimit(RateLimiter limiter, ClientAddress clientAddress) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
    }

    boolean on() {
        return limiter != null;
    }

    void check(Context ctx) {
        if (limiter == null) {
            return;
        }
        String client = ClientAddress.limitKey(clientAddress.of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")));
        long wait = limiter.acquire(client, System.nanoTime());
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new RejectedRequest(429, "rate_limited", "Too many requests from this address; try again in "
                    + wait + " s");
        }
    }
}
