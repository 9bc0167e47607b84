package io.breakwater.access;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class RateLimiterTest {

    // nanoTime may be any value, negative included
    private final AtomicLong now = new AtomicLong(-7_000_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(now::get);

    private void advance(long amount, TimeUnit unit) {
        now.addAndGet(unit.toNanos(amount));
    }

    /** Takes {@code n} requests, asserting each goes ahead. */
    private void allow(String key, int perMinute, int n) {
        for (int i = 0; i < n; i++) {
            assertEquals(0, limiter.acquire(key, perMinute), key + ": request " + (i + 1) + " of " + n);
        }
    }

    @Test
    void capacityIsPerMinuteAtOnce() {
        allow("a", 60, 60);
        assertTrue(limiter.acquire("a", 60) > 0, "the 61st request at once is refused");
        allow("b", 1, 1);
        assertTrue(limiter.acquire("b", 1) > 0);
    }

    @Test
    void refusedRequestsKeepBeingRefused() {
        allow("a", 5, 5);
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.acquire("a", 5) > 0);
        }
        // refusals do not use up tokens: 12 s later exactly one request goes ahead
        advance(12, TimeUnit.SECONDS);
        allow("a", 5, 1);
        assertTrue(limiter.acquire("a", 5) > 0);
    }

    @Test
    void retryAfterIsTheTimeToTheNextToken() {
        int[][] perMinuteAndSeconds = {{1, 60}, {2, 30}, {6, 10}, {7, 9}, {60, 1}, {120, 1}, {100_000, 1}};
        for (int[] c : perMinuteAndSeconds) {
            String key = "k" + c[0];
            allow(key, c[0], c[0]);
            assertEquals(c[1], limiter.acquire(key, c[0]), c[0] + " per minute");
        }
    }

    @Test
    void retryAfterShrinksAsTheBucketRefills() {
        allow("a", 1, 1);
        assertEquals(60, limiter.acquire("a", 1));
        advance(15, TimeUnit.SECONDS);
        assertEquals(45, limiter.acquire("a", 1));
        advance(44_500, TimeUnit.MILLISECONDS);
        assertEquals(1, limiter.acquire("a", 1), "half a second left is rounded up");
        advance(500, TimeUnit.MILLISECONDS);
        allow("a", 1, 1);
    }

    @Test
    void refillIsEvenOverTheMinute() {
        allow("a", 60, 60);
        advance(500, TimeUnit.MILLISECONDS);
        assertEquals(1, limiter.acquire("a", 60));
        advance(500, TimeUnit.MILLISECONDS);
        allow("a", 60, 1);
        assertTrue(limiter.acquire("a", 60) > 0);

        advance(30, TimeUnit.SECONDS);
        allow("a", 60, 30);
        assertTrue(limiter.acquire("a", 60) > 0, "half a minute refills half the bucket");
    }

    @Test
    void bucketsNeverHoldMoreThanPerMinute() {
        allow("a", 10, 10);
        advance(1, TimeUnit.HOURS);
        allow("a", 10, 10);
        assertTrue(limiter.acquire("a", 10) > 0);
    }

    @Test
    void keysAreIndependent() {
        allow("address:192.0.2.1", 3, 3);
        assertTrue(limiter.acquire("address:192.0.2.1", 3) > 0);
        allow("address:192.0.2.2", 3, 3);
        allow("account:1", 3, 3);
        assertTrue(limiter.acquire("address:192.0.2.2", 3) > 0);
        // another limit under the same key is another bucket
        allow("address:192.0.2.1", 4, 4);
    }

    @Test
    void zeroOrNegativeMeansUnlimited() {
        for (int perMinute : new int[] {0, -1, Integer.MIN_VALUE}) {
            allow("a", perMinute, 10_000);
        }
    }

    @Test
    void sweepingKeepsBucketsInUse() {
        allow("busy", 1, 1);
        // enough other requests to trigger a sweep of idle buckets
        for (int i = 0; i < 20_000; i++) {
            limiter.acquire("other" + (i % 50), 1_000_000);
        }
        assertEquals(60, limiter.acquire("busy", 1), "a bucket used just now is not forgotten");
    }
}
