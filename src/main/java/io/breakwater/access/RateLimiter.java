package io.breakwater.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per key (a client address or an account): {@code perMinute} requests at once, refilled
 * evenly over a minute. In memory, per instance: behind a load balancer each instance counts its own.
 */
public final class RateLimiter {

    /** Buckets idle for this long are full again and can be forgotten. */
    private static final long IDLE_NANOS = 120_000_000_000L;
    private static final int SWEEP_EVERY = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private int sinceSweep;

    public RateLimiter() {
        this(System::nanoTime);
    }

    RateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** 0 when the request may go ahead, else the seconds to wait before the next one would. */
    public long acquire(String key, int perMinute) {
        if (perMinute <= 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        sweepNow(now);
        Bucket bucket = buckets.computeIfAbsent(key + "#" + perMinute, k -> new Bucket(perMinute, now));
        return bucket.take(now);
    }

    private void sweepNow(long now) {
        if (++sinceSweep < SWEEP_EVERY) {
            return;
        }
        sinceSweep = 0;
        buckets.values().removeIf(b -> b.idleSince(now) > IDLE_NANOS);
    }

    private static final class Bucket {
        private final int capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.last = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}
