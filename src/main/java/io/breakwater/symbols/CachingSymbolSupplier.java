package io.breakwater.symbols;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * An in-memory LRU of parsed symbol indices in front of another supplier, bounded by the indices'
 * estimated heap bytes and shared by all threads. Concurrent requests for one module parse it once; the
 * others wait for that result. MISSING results (and CORRUPT ones without an index, e.g. unreadable files)
 * are remembered only for a configurable time so new uploads get picked up; CORRUPT results that carry
 * an index are cached like LOADED ones since parsing the same file again gives the same answer.
 */
public final class CachingSymbolSupplier implements SymbolSupplier {

    /** Weight of results that hold no index. */
    private static final long NEGATIVE_WEIGHT = 256;
    /** Weight assumed for symbols of a type whose size is unknown. */
    private static final long UNKNOWN_WEIGHT = 1 << 20;

    private record Key(String debugFile, String debugId) {}

    private record Entry(SymbolResult result, long weight, long expiresAtNanos) {}

    /** Counters since creation. */
    public record CacheStats(long hits, long loads, long waits, long evictions, long expirations, int entries,
                             long bytes, long maxBytes) {}

    private final SymbolSupplier delegate;
    private final long maxBytes;
    private final long negativeTtlNanos;
    private final LongSupplier clock;

    private final Object lock = new Object();
    private final LinkedHashMap<Key, Entry> cache = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Key, CompletableFuture<SymbolResult>> loading = new HashMap<>();
    private long bytes;
    private long hits;
    private long loads;
    private long waits;
    private long evictions;
    private long expirations;

    public CachingSymbolSupplier(SymbolSupplier delegate, long maxBytes, Duration missingTtl) {
        this(delegate, maxBytes, missingTtl, System::nanoTime);
    }

    /** With an explicit nanosecond clock, for tests. */
    public CachingSymbolSupplier(SymbolSupplier delegate, long maxBytes, Duration missingTtl, LongSupplier nanoClock) {
        if (maxBytes < 0 || missingTtl.isNegative()) {
            throw new IllegalArgumentException("cache size and TTL must not be negative");
        }
        this.delegate = delegate;
        this.maxBytes = maxBytes;
        this.negativeTtlNanos = missingTtl.toNanos();
        this.clock = nanoClock;
    }

    @Override
    public SymbolResult locate(String debugFile, String debugId) {
        Key key = key(debugFile, debugId);
        CompletableFuture<SymbolResult> pending;
        boolean owner = false;
        synchronized (lock) {
            Entry entry = cache.get(key);
            if (entry != null) {
                if (entry.expiresAtNanos == Long.MAX_VALUE || clock.getAsLong() - entry.expiresAtNanos < 0) {
                    hits++;
                    return entry.result;
                }
                cache.remove(key);
                bytes -= entry.weight;
                expirations++;
            }
            pending = loading.get(key);
            if (pending == null) {
                pending = new CompletableFuture<>();
                loading.put(key, pending);
                owner = true;
                loads++;
            } else {
                waits++;
            }
        }
        return owner ? load(key, debugFile, debugId, pending) : await(pending);
    }

    /** Modules are known by debug file base name and id; "c:\\x\\app.pdb" and "app.pdb" are one entry. */
    private static Key key(String debugFile, String debugId) {
        String base = DirectorySymbolSupplier.baseName(debugFile);
        return new Key(base != null ? base : debugFile, debugId);
    }

    private SymbolResult load(Key key, String debugFile, String debugId, CompletableFuture<SymbolResult> pending) {
        SymbolResult result = null;
        try {
            try {
                result = delegate.locate(debugFile, debugId);
            } catch (RuntimeException e) {
                result = SymbolResult.corrupt("symbol supplier failed: " + e);
            }
            if (result == null) {
                result = SymbolResult.missing();
            }
            store(key, result);
            return result;
        } finally {
            synchronized (lock) {
                loading.remove(key);
            }
            if (result != null) {
                pending.complete(result);
            } else {
                pending.completeExceptionally(new IllegalStateException("symbol load failed"));
            }
        }
    }

    private static SymbolResult await(CompletableFuture<SymbolResult> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SymbolResult(Status.MISSING, null, "interrupted while waiting for symbols");
        } catch (ExecutionException e) {
            return SymbolResult.corrupt("symbol load failed in another thread: " + e.getCause());
        }
    }

    private void store(Key key, SymbolResult result) {
        boolean negative = result.symbols() == null;
        if (negative && negativeTtlNanos == 0) {
            return;
        }
        long weight = negative ? NEGATIVE_WEIGHT : weigh(result.symbols());
        if (weight > maxBytes) {
            return; // would evict everything and still not fit
        }
        long expires = negative ? clock.getAsLong() + negativeTtlNanos : Long.MAX_VALUE;
        synchronized (lock) {
            Entry old = cache.put(key, new Entry(result, weight, expires));
            if (old != null) {
                bytes -= old.weight;
            }
            bytes += weight;
            Iterator<Map.Entry<Key, Entry>> eldest = cache.entrySet().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                Map.Entry<Key, Entry> e = eldest.next();
                if (e.getKey().equals(key)) {
                    continue;
                }
                bytes -= e.getValue().weight;
                eldest.remove();
                evictions++;
            }
        }
    }

    private static long weigh(ModuleSymbols symbols) {
        return symbols instanceof SymbolIndex index ? index.estimatedBytes() : UNKNOWN_WEIGHT;
    }

    /** Forgets one module, e.g. after new symbols were uploaded. */
    public void invalidate(String debugFile, String debugId) {
        synchronized (lock) {
            Entry e = cache.remove(key(debugFile, debugId));
            if (e != null) {
                bytes -= e.weight;
            }
        }
    }

    public void clear() {
        synchronized (lock) {
            cache.clear();
            bytes = 0;
        }
    }

    public CacheStats stats() {
        synchronized (lock) {
            return new CacheStats(hits, loads, waits, evictions, expirations, cache.size(), bytes, maxBytes);
        }
    }
}
