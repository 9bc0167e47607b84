package io.breakwater.metrics;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The last reading of something that costs a query, reused for a while. A failed reading is remembered
 * as {@code null} for the same while, so an outage does not turn every scrape into another attempt.
 */
final class Cached<T> {

    private static final Logger LOG = Logger.getLogger(Cached.class);

    private final String what;
    private final Supplier<T> source;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private boolean read;
    private long readAt;
    private T value;

    Cached(String what, Supplier<T> source, Duration ttl) {
        this(what, source, ttl, System::nanoTime);
    }

    Cached(String what, Supplier<T> source, Duration ttl, LongSupplier nanoClock) {
        this.what = what;
        this.source = source;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The current value, or null when it could not be read. */
    synchronized T get() {
        long now = nanoClock.getAsLong();
        if (read && now - readAt < ttlNanos) {
            return value;
        }
        try {
            value = source.get();
        } catch (RuntimeException e) {
            LOG.debugf("metrics: cannot read %s: %s", what, e.getMessage());
            value = null;
        }
        read = true;
        readAt = now;
        return value;
    }
}
