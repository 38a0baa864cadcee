package be.petition.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A token bucket per client address: {@code ratePerSecond} sustained, {@code burst} at once. */
final class RateLimiter {
    private static final int MAX_TRACKED = 200_000;

    private final double ratePerNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    RateLimiter(double ratePerSecond, int burst) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("Per-IP limits need a rate above 0 and a burst of at least 1");
        }
        this.ratePerNano = ratePerSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
    }

    /** 0 when the request may pass, else the seconds to wait before the next one will. */
    long acquire(String client, long now) {
        if (buckets.size() > MAX_TRACKED) {
            // Buckets refilled to the brim carry no state: forget them rather than grow without bound.
            buckets.entrySet().removeIf(e -> refilled(e.getValue(), now) >= burst);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = refilled(bucket, now);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / TimeUnit.SECONDS.toNanos(1)));
        }
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
    }
}
