package io.breakwater.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.symbols.SymbolSupplier.Status;
import io.breakwater.symbols.SymbolSupplier.SymbolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingSymbolSupplierTest {

    /** Builds a distinct index per debug file; "missing*" names are missing; counts calls. */
    static final class CountingSupplier implements SymbolSupplier {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();
        volatile CountDownLatch gate;
        final int functions;

        CountingSupplier(int functions) {
            this.functions = functions;
        }

        @Override
        public SymbolResult locate(String debugFile, String debugId) {
            total.incrementAndGet();
            calls.computeIfAbsent(debugFile, k -> new AtomicInteger()).incrementAndGet();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (debugFile.startsWith("missing")) {
                return SymbolResult.missing();
            }
            if (debugFile.startsWith("throw")) {
                throw new IllegalStateException("boom");
            }
            StringBuilder text = new StringBuilder("MODULE Linux x86_64 " + debugId + " " + debugFile + "\n");
            for (int i = 0; i < functions; i++) {
                text.append("FUNC ").append(Integer.toHexString(0x1000 + 16 * i)).append(" 10 0 ")
                        .append(debugFile).append("_f").append(i).append('\n');
            }
            return BreakpadSymbolParser.parse(text.toString()).toSymbolResult();
        }
    }

    private static long weightOf(int functions) {
        return ((SymbolIndex) new CountingSupplier(functions).locate("w", "0").symbols()).estimatedBytes();
    }

    @Test
    void secondLookupIsServedFromMemory() {
        CountingSupplier delegate = new CountingSupplier(10);
        CachingSymbolSupplier cache = new CachingSymbolSupplier(delegate, 1 << 20, Duration.ofMinutes(1));
        SymbolResult a = cache.locate("a.so", "1");
        SymbolResult b = cache.locate("a.so", "1");
        assertSame(a, b);
        assertEquals(1, delegate.total.get());
        assertNotSame(a, cache.locate("a.so", "2"), "the debug id is part of the key");
        assertEquals(2, delegate.total.get());
        assertEquals(1, cache.stats().hits());
        assertSame(a, cache.locate("/usr/lib/a.so", "1"), "a path and its base name are one module");
    }

    @Test
    void evictsLeastRecentlyUsedByEstimatedBytes() {
        long one = weightOf(200);
        CountingSupplier delegate = new CountingSupplier(200);
        CachingSymbolSupplier cache = new CachingSymbolSupplier(delegate, 2 * one + one / 2, Duration.ofMinutes(1));
        cache.locate("a", "1");
        cache.locate("b", "1");
        cache.locate("a", "1");                 // a is now more recent than b
        cache.locate("c", "1");                 // over budget: b goes
        assertEquals(1, cache.stats().evictions());
        cache.locate("a", "1");
        cache.locate("c", "1");
        assertEquals(1, delegate.calls.get("a").get());
        assertEquals(1, delegate.calls.get("c").get());
        cache.locate("b", "1");
        assertEquals(2, delegate.calls.get("b").get(), "b was evicted and had to be parsed again");
        assertTrue(cache.stats().bytes() <= cache.stats().maxBytes());
    }

    @Test
    void entriesLargerThanTheWholeCacheAreNotKept() {
        CountingSupplier delegate = new CountingSupplier(500);
        CachingSymbolSupplier cache = new CachingSymbolSupplier(delegate, 1000, Duration.ofMinutes(1));
        assertEquals(Status.LOADED, cache.locate("big", "1").status());
        assertEquals(Status.LOADED, cache.locate("big", "1").status());
        assertEquals(2, delegate.total.get());
        assertEquals(0, cache.stats().entries());
    }

    @Test
    void missingResultsExpireAfterTheirTtl() {
        AtomicLong now = new AtomicLong(1_000);
        CountingSupplier delegate = new CountingSupplier(1);
        CachingSymbolSupplier cache = new CachingSymbolSupplier(delegate, 1 << 20, Duration.ofSeconds(30), now::get);
        assertEquals(Status.MISSING, cache.locate("missing.so", "1").status());
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals(Status.MISSING, cache.locate("missing.so", "1").status());
        assertEquals(1, delegate.total.get());
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Status.MISSING, cache.locate("missing.so", "1").status());
        assertEquals(2, delegate.total.get());
        assertEquals(1, cache.stats().expirations());
        // Loaded symbols do not expire.
        cache.locate("present.so", "1");
        now.addAndGet(Duration.ofDays(10).toNanos());
        cache.locate("present.so", "1");
        assertEquals(1, delegate.calls.get("present.so").get());
    }

    @Test
    void zeroTtlDoesNotCacheMissing() {
        CountingSupplier delegate = new CountingSupplier(1);
        CachingSymbolSupplier cache = new CachingSymbolSupplier(delegate, 1 << 20, Duration.ZERO);
        cache.locate("missing.so", "1");
        cache.locate("missing.so", "1");
        assertEquals(2, delegate.total.get());
    }

    @Test
    void aFailingDelegateGivesCorrupt() {
        CachingSymbolSupplier cache = new CachingSymbolSupplier(new CountingSupplier(1), 1 << 20, Duration.ofSeconds(5));
        SymbolResult r = cache.locate("throw.so", "1");
        assertEquals(Status.CORRUPT, r.status());
        assertTrue(r.detail().contains("boom"));
    }

    @Test
    void concurrentRequestsForOneModuleParseOnce() throws Exception {
        CountingSupplier delegate = new CountingSupplier(1000);
        delegate.gate = new CountDownLatch(1);
        CachingSymbolSupplier cache = new CachingSymbolSupplier(delegate, 64 << 20, Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<SymbolResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> cache.locate("shared.so", "1")));
            }
            // Let every thread reach the cache before the single load completes.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (cache.stats().waits() < 15 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            delegate.gate.countDown();
            SymbolResult first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<SymbolResult> f : results) {
                assertSame(first, f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, delegate.total.get());
            assertEquals(15, cache.stats().waits());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsManyModulesStayWithinBudget() throws Exception {
        long one = weightOf(50);
        CountingSupplier delegate = new CountingSupplier(50);
        CachingSymbolSupplier cache = new CachingSymbolSupplier(delegate, 5 * one, Duration.ofMillis(50));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                jobs.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    int loaded = 0;
                    for (int i = 0; i < 500; i++) {
                        String name = (random.nextInt(10) == 0 ? "missing" : "m") + random.nextInt(12);
                        SymbolResult r = cache.locate(name, "1");
                        if (r.status() == Status.LOADED) {
                            assertEquals(name + "_f0", r.symbols().function(0x1000).name());
                            loaded++;
                        }
                    }
                    return loaded;
                }));
            }
            int loaded = 0;
            for (Future<Integer> job : jobs) {
                loaded += job.get(60, TimeUnit.SECONDS);
            }
            assertTrue(loaded > 8 * 350, "loaded " + loaded);
            CachingSymbolSupplier.CacheStats stats = cache.stats();
            assertTrue(stats.bytes() <= stats.maxBytes(), stats.toString());
            assertTrue(stats.evictions() > 0, stats.toString());
            assertEquals(8 * 500, stats.hits() + stats.loads() + stats.waits());
        } finally {
            pool.shutdownNow();
        }
    }
}
