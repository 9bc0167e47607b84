package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessorStatsTest {

    @Test
    void bucketsAreOrderedAndNarrow() {
        int previous = -1;
        for (long nanos = 1_000; nanos < 100_000_000_000L; nanos = nanos * 3 / 2) {
            int bucket = ProcessorStats.bucketOf(nanos);
            assertTrue(bucket >= previous, "bucket of " + nanos);
            double upperMs = ProcessorStats.upperBoundMillis(bucket);
            double valueMs = nanos / 1e6;
            assertTrue(upperMs >= valueMs && upperMs <= valueMs * 1.05, nanos + " ns in bucket up to " + upperMs + " ms");
            previous = bucket;
        }
        assertEquals(0, ProcessorStats.bucketOf(-5));
        assertEquals(ProcessorStats.BUCKETS - 1, ProcessorStats.bucketOf(Long.MAX_VALUE));
    }

    @Test
    void snapshotHasCountMeanAndPercentiles() {
        ProcessorStats stats = new ProcessorStats();
        for (int i = 1; i <= 100; i++) {
            stats.record(ProcessorStats.Stage.RULES, i * 1_000_000L); // 1..100 ms
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) stats.snapshot().get("rules");
        assertEquals(100L, rules.get("count"));
        assertEquals(50.5, (double) rules.get("mean_ms"), 1e-9);
        double p50 = (double) rules.get("p50_ms");
        double p99 = (double) rules.get("p99_ms");
        assertTrue(p50 >= 50 && p50 <= 50 * 1.05, "p50 " + p50);
        assertTrue(p99 >= 99 && p99 <= 99 * 1.05, "p99 " + p99);
        List<?> buckets = (List<?>) rules.get("buckets");
        long inBuckets = buckets.stream().mapToLong(b -> ((Number) ((List<?>) b).get(1)).longValue()).sum();
        assertEquals(100, inBuckets);
        @SuppressWarnings("unchecked")
        Map<String, Object> index = (Map<String, Object>) stats.snapshot().get("index");
        assertEquals(0L, index.get("count"));
        assertEquals(0.0, index.get("p99_ms"));
    }

    @Test
    void timedWalkerAddsToThisThreadOnlyAndTakingResets() throws Exception {
        ProcessorStats stats = new ProcessorStats();
        DumpWalker slow = new DumpWalker() {
            @Override
            public JsonNode walk(Path dump) throws Exception {
                Thread.sleep(5);
                return JsonNodeFactory.instance.objectNode();
            }

            @Override
            public String version() {
                return "slow 1";
            }
        };
        DumpWalker timed = stats.timed(slow);
        assertEquals("slow 1", timed.version());
        timed.walk(Path.of("a.dmp"));
        timed.walk(Path.of("b.dmp"));
        long[] otherThread = new long[1];
        Thread t = new Thread(() -> otherThread[0] = stats.takeWalkNanos());
        t.start();
        t.join();
        assertEquals(0, otherThread[0]);
        assertTrue(stats.takeWalkNanos() >= 10_000_000L);
        assertEquals(0, stats.takeWalkNanos());
    }

    @Test
    void stagesAndWalksAreMicrometerTimersOnceBound() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProcessorStats stats = new ProcessorStats();
        stats.record(ProcessorStats.Stage.LOAD, 1_000_000L); // before binding: in-memory only
        stats.bind(registry);
        stats.record(ProcessorStats.Stage.LOAD, 3_000_000L);
        var load = registry.get("breakwater.processing.stage").tag("stage", "load").timer();
        assertEquals(1, load.count());
        assertEquals(3.0, load.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(7, registry.find("breakwater.processing.stage").timers().size(), "one timer per stage");
        assertNotNull(registry.find("breakwater.processing.stage").tag("stage", "indexed").timer(),
                "the time until search has the crash, beside the worker's stages");

        DumpWalker ok = new DumpWalker() {
            @Override
            public JsonNode walk(Path dump) {
                return JsonNodeFactory.instance.objectNode();
            }

            @Override
            public String version() {
                return "ok 1";
            }
        };
        DumpWalker broken = new DumpWalker() {
            @Override
            public JsonNode walk(Path dump) throws Exception {
                throw new java.io.IOException("truncated dump");
            }

            @Override
            public String version() {
                return "broken 1";
            }
        };
        stats.timed(ok).walk(Path.of("a.dmp"));
        assertThrows(java.io.IOException.class, () -> stats.timed(broken).walk(Path.of("b.dmp")));
        assertEquals(1, registry.get("breakwater.stackwalk").tag("outcome", "ok").timer().count());
        assertEquals(1, registry.get("breakwater.stackwalk").tag("outcome", "failed").timer().count());
    }
}
