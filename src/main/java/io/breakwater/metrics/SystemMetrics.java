package io.breakwater.metrics;

import io.breakwater.jobs.JobRunner;
import io.breakwater.jobs.JobStateStore;
import io.breakwater.jobs.MaintenanceJob;
import io.breakwater.processor.ProcessorWorkers;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.queue.QueueCounts;
import io.breakwater.queue.QueueState;
import io.breakwater.search.SearchBacklog;
import io.breakwater.symbolstore.DiskSymbolCache;
import io.breakwater.symbolstore.SymbolStore;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Gauges over the state of the whole system, read when Prometheus scrapes {@code /q/metrics}: queue depth by
 * lane and state, the search index backlog, the symbol caches, the processor and the maintenance jobs. What
 * lives in PostgreSQL is read through {@link Cached}, so a scrape costs at most one query per table every
 * {@code breakwater.metrics.cache-ttl}; a value that cannot be read is NaN rather than a stale number.
 * The counters and timers of single events are recorded where they happen (collector, processor, jobs).
 */
@ApplicationScoped
public class SystemMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    MetricsConfig config;

    @Inject
    CrashQueue queue;

    @Inject
    SearchBacklog backlog;

    @Inject
    SymbolStore symbols;

    @Inject
    ProcessorWorkers workers;

    @Inject
    JobRunner jobs;

    @Inject
    JobStateStore jobStates;

    private Cached<QueueCounts> queueCounts;
    private Cached<SearchBacklog.Stats> backlogStats;
    private Cached<Map<String, JobStateStore.State>> jobState;

    void onStart(@Observes StartupEvent event) {
        queueCounts = new Cached<>("queue counts", queue::counts, config.cacheTtl());
        backlogStats = new Cached<>("search backlog", backlog::stats, config.cacheTtl());
        jobState = new Cached<>("job states", this::readJobStates, config.cacheTtl());
        registerQueue();
        registerBacklog();
        registerSymbolCaches();
        registerProcessor();
        registerJobs();
    }

    private void registerQueue() {
        for (Lane lane : Lane.values()) {
            for (QueueState state : QueueState.values()) {
                gauge("breakwater.queue.items", "Crashes in the processing queue", c -> {
                    QueueCounts counts = queueCounts.get();
                    return counts == null ? Double.NaN : counts.get(lane, state);
                }).tag("lane", lower(lane)).tag("state", lower(state)).register(registry);
            }
        }
    }

    private void registerBacklog() {
        // The states add up to the backlog: due now, waiting (retry delay or lease), parked (refused by search).
        gauge("breakwater.index.backlog", "Crashes waiting to be (re)indexed in search", c -> {
            SearchBacklog.Stats s = backlogStats.get();
            return s == null ? Double.NaN : s.due();
        }).tag("state", "due").register(registry);
        gauge("breakwater.index.backlog", "Crashes waiting to be (re)indexed in search", c -> {
            SearchBacklog.Stats s = backlogStats.get();
            return s == null ? Double.NaN : s.total() - s.due() - s.parked();
        }).tag("state", "waiting").register(registry);
        gauge("breakwater.index.backlog", "Crashes waiting to be (re)indexed in search", c -> {
            SearchBacklog.Stats s = backlogStats.get();
            return s == null ? Double.NaN : s.parked();
        }).tag("state", "parked").register(registry);
    }

    private void registerSymbolCaches() {
        // Parsed indices in memory: a lookup that waited for another thread's load counts as a hit (it loaded nothing).
        symbolCache("memory",
                s -> s.memoryStats().hits() + s.memoryStats().waits(),
                s -> s.memoryStats().loads(),
                s -> s.memoryStats().evictions(),
                s -> s.memoryStats().entries(),
                s -> s.memoryStats().bytes(),
                s -> s.memoryStats().maxBytes());
        Optional<DiskSymbolCache> disk = symbols.diskCache();
        if (disk.isPresent()) {
            symbolCache("disk",
                    s -> diskStats(s).hits(),
                    s -> diskStats(s).misses(),
                    s -> diskStats(s).evictions(),
                    s -> diskStats(s).entries(),
                    s -> diskStats(s).bytes(),
                    s -> diskStats(s).maxBytes());
        }
    }

    private static DiskSymbolCache.Stats diskStats(SymbolStore store) {
        return store.diskCache().orElseThrow().stats();
    }

    private void symbolCache(String cache, ToDoubleFunction<SymbolStore> hits, ToDoubleFunction<SymbolStore> misses,
                             ToDoubleFunction<SymbolStore> evictions, ToDoubleFunction<SymbolStore> entries,
                             ToDoubleFunction<SymbolStore> bytes, ToDoubleFunction<SymbolStore> limit) {
        FunctionCounter.builder("breakwater.symbol.cache.hits", symbols, hits)
                .description("Symbol lookups answered by the cache").tag("cache", cache).register(registry);
        FunctionCounter.builder("breakwater.symbol.cache.misses", symbols, misses)
                .description("Symbol lookups the cache had to pass on").tag("cache", cache).register(registry);
        FunctionCounter.builder("breakwater.symbol.cache.evictions", symbols, evictions)
                .description("Symbol cache entries evicted to stay within the limit").tag("cache", cache)
                .register(registry);
        Gauge.builder("breakwater.symbol.cache.entries", symbols, entries).strongReference(true)
                .description("Symbol files in the cache").tag("cache", cache).register(registry);
        Gauge.builder("breakwater.symbol.cache.size", symbols, bytes).strongReference(true).baseUnit("bytes")
                .description("Bytes the symbol cache holds").tag("cache", cache).register(registry);
        Gauge.builder("breakwater.symbol.cache.limit", symbols, limit).strongReference(true).baseUnit("bytes")
                .description("Bytes the symbol cache may hold").tag("cache", cache).register(registry);
    }

    private void registerProcessor() {
        FunctionCounter.builder("breakwater.processor.crashes", workers, w -> w.processedCount())
                .description("Crashes this instance processed to completion").register(registry);
        Gauge.builder("breakwater.processor.in.flight", workers, w -> w.inFlight()).strongReference(true)
                .description("Crashes being processed on this instance right now").register(registry);
    }

    private void registerJobs() {
        List<MaintenanceJob> all = jobs.all();
        for (MaintenanceJob job : all) {
            String name = job.name();
            gauge("breakwater.job.last.success.timestamp", "When the job last succeeded (any instance), Unix time; "
                    + "NaN before its first success", c -> {
                        JobStateStore.State s = state(name);
                        Instant at = s == null ? null : s.lastSuccessAt();
                        return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
                    }).baseUnit("seconds").tag("job", name).register(registry);
            gauge("breakwater.job.consecutive.failures", "Failed runs of the job since its last success", c -> {
                JobStateStore.State s = state(name);
                return s == null ? (jobState.get() == null ? Double.NaN : 0) : s.consecutiveFailures();
            }).tag("job", name).register(registry);
        }
    }

    private JobStateStore.State state(String job) {
        Map<String, JobStateStore.State> states = jobState.get();
        return states == null ? null : states.get(job);
    }

    private Map<String, JobStateStore.State> readJobStates() {
        Map<String, JobStateStore.State> byName = new HashMap<>();
        jobStates.states().forEach(s -> byName.put(s.name(), s));
        return byName;
    }

    private Gauge.Builder<SystemMetrics> gauge(String name, String description, ToDoubleFunction<SystemMetrics> value) {
        // Strong: the registry would otherwise hold only a weak reference and the gauge could go quiet.
        return Gauge.builder(name, this, value).description(description).strongReference(true);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
