package be.petition.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client key: {@code ratePerSecond} sustained, {@code burst} at once. It remembers at most
 * {@code maxTracked} clients, forgetting the least recently seen one in O(1) when a new one comes (a forgotten
 * client starts again with a full bucket, as an idle one would have refilled anyway).
 */
final class RateLimiter {
    static final int MAX_TRACKED = 200_000;

    private final double ratePerNano;
    private final double burst;
    /** Access-ordered, so the eldest entry is the least recently seen client; guarded by itself. */
    private final LinkedHashMap<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    RateLimiter(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, MAX_TRACKED);
    }

    RateLimiter(double ratePerSecond, int burst, int maxTracked) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("Per-IP limits need a rate above 0 and a burst of at least 1");
        }
        this.ratePerNano = ratePerSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /** 0 when the request may pass, else the seconds to wait before the next one will. */
    long acquire(String client, long now) {
        // One short critical section per request (a map look-up and a little arithmetic), no I/O.
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / TimeUnit.SECONDS.toNanos(1)));
        }
    }
}
