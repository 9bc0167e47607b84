package io.breakwater.processor;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-stage processing times since start: count, sum and a log-scale histogram per stage, as monotonic
 * counters (callers diff two snapshots to look at a window). Cheap enough to stay on: one histogram update
 * per stage per crash. The same times go to Micrometer ({@code breakwater_processing_stage_seconds{stage}},
 * and each dump walk to {@code breakwater_stackwalk_seconds{outcome}}) when a registry is injected.
 */
@ApplicationScoped
@Startup // so that the timers are on /q/metrics before the first crash, and on instances that process none
public class ProcessorStats {

    /** Where a crash's time goes. {@link #RULES} excludes the stack walk, which is counted on its own. */
    public enum Stage {
        LOAD("load"), STACKWALK("stackwalk"), RULES("rules"), STORAGE("storage"), INDEX("index"), TOTAL("total"),
        /** From stored to in the search index, waiting for the bulk request included; not part of the total. */
        INDEXED("indexed");

        final String key;

        Stage(String key) {
            this.key = key;
        }
    }

    /** Buckets per doubling: about 4.4 % wide, fine enough for p50/p99. */
    static final int BUCKETS_PER_OCTAVE = 16;
    /** 2^36 µs is about 19 hours; anything longer goes into the last bucket. */
    static final int BUCKETS = 36 * BUCKETS_PER_OCTAVE;

    /**
     * Histogram buckets of the Micrometer timers: a handful of fixed bounds from 1 ms to 5 min keeps a scrape
     * small (Micrometer's percentile histogram would add about 70 series per stage).
     */
    static final Duration[] BUCKET_BOUNDS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final Map<Stage, Timer> timers = new LinkedHashMap<>();
    /** Empty until {@link #bind} (plain construction in tests records only the in-memory timers). */
    private volatile Map<Stage, io.micrometer.core.instrument.Timer> meters = Map.of();
    private volatile io.micrometer.core.instrument.Timer walksOk;
    private volatile io.micrometer.core.instrument.Timer walksFailed;
    /** Stack-walk time of the crash running on this thread; the walker runs on the crash's own thread. */
    private final ThreadLocal<long[]> walkOnThisThread = ThreadLocal.withInitial(() -> new long[1]);

    public ProcessorStats() {
        for (Stage stage : Stage.values()) timers.put(stage, new Timer());
    }

    @Inject
    void bind(MeterRegistry registry) {
        Map<Stage, io.micrometer.core.instrument.Timer> byStage = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byStage.put(stage, io.micrometer.core.instrument.Timer.builder("breakwater.processing.stage")
                    .description("Time a processed crash spent in each stage (rules exclude the stack walk)")
                    .tag("stage", stage.key).serviceLevelObjectives(BUCKET_BOUNDS).register(registry));
        }
        walksOk = walkTimer(registry, "ok");
        walksFailed = walkTimer(registry, "failed");
        meters = byStage;
    }

    private static io.micrometer.core.instrument.Timer walkTimer(MeterRegistry registry, String outcome) {
        return io.micrometer.core.instrument.Timer.builder("breakwater.stackwalk")
                .description("Time of each minidump stack walk, symbol lookups included")
                .tag("outcome", outcome).serviceLevelObjectives(BUCKET_BOUNDS).register(registry);
    }

    public void record(Stage stage, long nanos) {
        timers.get(stage).record(nanos);
        io.micrometer.core.instrument.Timer meter = meters.get(stage);
        if (meter != null) {
            meter.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }
    }

    /** The stack-walk nanoseconds accumulated on this thread since the last call; resets them. */
    long takeWalkNanos() {
        long[] cell = walkOnThisThread.get();
        long value = cell[0];
        cell[0] = 0;
        return value;
    }

    /** Wraps a walker so its time is added to the current crash's stack-walk stage. */
    DumpWalker timed(DumpWalker walker) {
        return new DumpWalker() {
            @Override
            public com.fasterxml.jackson.databind.JsonNode walk(Path dump) throws Exception {
                return walkWithNotes(dump).json();
            }

            @Override
            public Walk walkWithNotes(Path dump) throws Exception {
                long start = System.nanoTime();
                boolean ok = false;
                try {
                    Walk result = walker.walkWithNotes(dump);
                    ok = true;
                    return result;
                } finally {
                    long nanos = System.nanoTime() - start;
                    walkOnThisThread.get()[0] += nanos;
                    io.micrometer.core.instrument.Timer meter = ok ? walksOk : walksFailed;
                    if (meter != null) {
                        meter.record(nanos, TimeUnit.NANOSECONDS);
                    }
                }
            }

            @Override
            public String version() {
                return walker.version();
            }
        };
    }

    /**
     * Snapshot for JSON: per stage {@code count}, {@code total_ms}, {@code mean_ms}, {@code p50_ms},
     * {@code p99_ms} and {@code buckets}, a list of {@code [upper bound ms, count]} for non-empty buckets.
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> stages = new LinkedHashMap<>();
        timers.forEach((stage, timer) -> stages.put(stage.key, timer.snapshot()));
        return stages;
    }

    /** Upper bound of bucket {@code index}, in milliseconds. */
    static double upperBoundMillis(int index) {
        return Math.pow(2, (index + 1) / (double) BUCKETS_PER_OCTAVE) / 1000.0;
    }

    static int bucketOf(long nanos) {
        double micros = nanos / 1000.0;
        if (micros < 1) return 0;
        int index = (int) Math.floor(Math.log(micros) / Math.log(2) * BUCKETS_PER_OCTAVE);
        return Math.max(0, Math.min(BUCKETS - 1, index));
    }

    private static final class Timer {
        private final LongAdder count = new LongAdder();
        private final LongAdder sumNanos = new LongAdder();
        private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);

        void record(long nanos) {
            long value = Math.max(0, nanos);
            count.increment();
            sumNanos.add(value);
            buckets.incrementAndGet(bucketOf(value));
        }

        Map<String, Object> snapshot() {
            long[] counts = new long[BUCKETS];
            long n = 0;
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] = buckets.get(i);
                n += counts[i];
            }
            double totalMs = sumNanos.sum() / 1e6;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("count", n);
            out.put("total_ms", round(totalMs));
            out.put("mean_ms", n == 0 ? 0.0 : round(totalMs / n));
            out.put("p50_ms", percentile(counts, n, 0.50));
            out.put("p99_ms", percentile(counts, n, 0.99));
            List<List<Number>> nonEmpty = new ArrayList<>();
            for (int i = 0; i < BUCKETS; i++) {
                if (counts[i] > 0) nonEmpty.add(List.of(round(upperBoundMillis(i)), counts[i]));
            }
            out.put("buckets", nonEmpty);
            return out;
        }
    }

    /** The upper bound of the bucket holding the q-quantile; 0 when nothing was recorded. */
    static double percentile(long[] counts, long n, double q) {
        if (n == 0) return 0.0;
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) return round(upperBoundMillis(i));
        }
        return round(upperBoundMillis(counts.length - 1));
    }

    private static double round(double ms) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.4f", ms));
    }
}
