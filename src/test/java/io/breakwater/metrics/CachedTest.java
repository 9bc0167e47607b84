package io.breakwater.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CachedTest {

    @Test
    void aReadingIsReusedUntilItIsOlderThanTheTtl() {
        AtomicLong now = new AtomicLong(1_000);
        AtomicInteger reads = new AtomicInteger();
        Cached<Integer> cached = new Cached<>("test", reads::incrementAndGet, Duration.ofSeconds(5), now::get);
        assertEquals(1, cached.get());
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(1, cached.get(), "still fresh: no second query");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(2, cached.get(), "five seconds old: read again");
        assertEquals(2, reads.get());
    }

    @Test
    void aFailedReadingIsNullAndAlsoCachedSoAnOutageIsNotHammered() {
        AtomicLong now = new AtomicLong();
        AtomicInteger reads = new AtomicInteger();
        Cached<Integer> cached = new Cached<>("test", () -> {
            reads.incrementAndGet();
            throw new IllegalStateException("database down");
        }, Duration.ofSeconds(5), now::get);
        assertNull(cached.get());
        assertNull(cached.get());
        assertEquals(1, reads.get());
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertNull(cached.get());
        assertEquals(2, reads.get());
    }
}
