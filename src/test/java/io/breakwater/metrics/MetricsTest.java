package io.breakwater.metrics;

import io.breakwater.jobs.JobRunner;
import io.breakwater.processor.ProcessorStats;
import io.breakwater.queue.CrashQueue;
import io.breakwater.symbolstore.SymbolStore;
import io.breakwater.symbolstore.SymbolTestFiles;
import io.breakwater.testsupport.Multipart;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code /q/metrics} against the real services: every Breakwater family is there and moves with what happens. */
@QuarkusTest
class MetricsTest {

    @Inject
    CrashQueue queue;

    @Inject
    ProcessorStats stats;

    @Inject
    SymbolStore symbols;

    @Inject
    JobRunner jobs;

    static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series, e.g. {@code breakwater_queue_items{lane="standard",state="pending"}}. */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        if (!m.find()) {
            fail("no series " + series + " in the scrape");
        }
        return Double.parseDouble(m.group(1));
    }

    /** Gauges read the database at most once per cache TTL (1 s in tests): wait until the condition holds. */
    static String awaitScrape(String series, java.util.function.DoublePredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String scrape = scrape();
            if (condition.test(value(scrape, series)) || System.nanoTime() > deadline) {
                return scrape;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void everyBreakwaterFamilyIsThereNextToHttpAndJvmMetrics() {
        given().get("/api/SuperSearchFields").then().statusCode(200);
        String scrape = scrape();
        for (String family : List.of("breakwater_submissions_total", "breakwater_queue_items", "breakwater_index_backlog",
                "breakwater_processing_stage_seconds", "breakwater_stackwalk_seconds",
                "breakwater_symbol_cache_hits_total", "breakwater_symbol_cache_misses_total",
                "breakwater_symbol_cache_evictions_total", "breakwater_symbol_cache_size_bytes",
                "breakwater_symbol_cache_limit_bytes", "breakwater_symbol_cache_entries", "breakwater_job_runs_total",
                "breakwater_job_run_seconds", "breakwater_job_last_success_timestamp_seconds",
                "breakwater_job_consecutive_failures", "breakwater_processor_crashes_total",
                "breakwater_processor_in_flight", "http_server_requests_seconds", "jvm_memory_used_bytes")) {
            assertTrue(Pattern.compile("(?m)^" + family + "(_count|_sum|_bucket)?[{ ]").matcher(scrape).find(),
                    family + " is exposed");
        }
        for (String lane : List.of("priority", "standard", "reprocessing")) {
            for (String state : List.of("pending", "claimed", "parked")) {
                value(scrape, "breakwater_queue_items{lane=\"" + lane + "\",state=\"" + state + "\"}");
            }
        }
        for (String state : List.of("due", "waiting", "parked")) {
            assertTrue(value(scrape, "breakwater_index_backlog{state=\"" + state + "\"}") >= 0);
        }
        assertTrue(scrape.contains("breakwater_processing_stage_seconds_bucket{stage=\"stackwalk\",le=\"1.0\"}"),
                "stage timers have histogram buckets");
        // HTTP server metrics name routes by template, never by the values in the request.
        assertTrue(scrape.contains("uri=\"/api/SuperSearchFields\""), "HTTP server metrics are on");
    }

    @Test
    void submissionsAreCountedByOutcomeAndQueuedOnesShowInTheQueueGauge() throws Exception {
        String accepted = "breakwater_submissions_total{outcome=\"accepted\",reason=\"queued\"}";
        String noAnnotations = "breakwater_submissions_total{outcome=\"malformed\",reason=\"no_annotations\"}";
        String pending = "breakwater_queue_items{lane=\"standard\",state=\"pending\"}";
        String before = scrape();
        Thread.sleep(1100); // the queue gauge's reading above must be stale before the crash arrives

        Multipart crash = new Multipart().field("ProductName", "MetricsApp").field("Version", "1.0")
                .file("upload_file_minidump", "crash.dmp", new byte[256]);
        String body = given().contentType(crash.contentType()).body(crash.build()).post("/submit")
                .then().statusCode(200).extract().asString().strip();
        String crashId = body.substring("CrashID=bp-".length());
        Multipart dumpOnly = new Multipart().file("upload_file_minidump", "crash.dmp", new byte[256]);
        given().contentType(dumpOnly.contentType()).body(dumpOnly.build()).post("/submit").then().statusCode(400);
        try {
            String after = awaitScrape(pending, v -> v >= value(before, pending) + 1);
            assertEquals(value(before, accepted) + 1, value(after, accepted));
            assertEquals(value(before, noAnnotations) + 1, value(after, noAnnotations));
            assertEquals(value(before, pending) + 1, value(after, pending), "the queued crash is pending");
        } finally {
            queue.deleteByCrashId(crashId);
        }
    }

    @Test
    void processingStagesAreTimers() {
        String load = "breakwater_processing_stage_seconds_count{stage=\"load\"}";
        double before = value(scrape(), load);
        stats.record(ProcessorStats.Stage.LOAD, 2_000_000L);
        assertEquals(before + 1, value(scrape(), load));
    }

    @Test
    void symbolLookupsCountAsHitsAndMissesOfTheMemoryCache() {
        String hits = "breakwater_symbol_cache_hits_total{cache=\"memory\"}";
        String misses = "breakwater_symbol_cache_misses_total{cache=\"memory\"}";
        String before = scrape();
        String debugId = SymbolTestFiles.freshDebugId();
        symbols.locate("libmetrics.so", debugId);
        symbols.locate("libmetrics.so", debugId); // the remembered miss
        String after = scrape();
        assertEquals(value(before, misses) + 1, value(after, misses));
        assertEquals(value(before, hits) + 1, value(after, hits));
    }

    @Test
    void jobRunsAreCountedAndTheLastSuccessIsATimestamp() throws Exception {
        String runs = "breakwater_job_runs_total{job=\"ended-sessions\",outcome=\"ok\"}";
        String lastSuccess = "breakwater_job_last_success_timestamp_seconds{job=\"ended-sessions\"}";
        double before = value(scrape(), runs);
        double started = System.currentTimeMillis() / 1000.0;
        assertTrue(jobs.runNow("ended-sessions").orElseThrow().ok());
        String after = awaitScrape(lastSuccess, v -> v >= started - 1);
        assertEquals(before + 1, value(after, runs));
        double at = value(after, lastSuccess);
        assertTrue(at >= started - 1 && at <= System.currentTimeMillis() / 1000.0 + 1, "last success " + at);
        assertEquals(0, value(after, "breakwater_job_consecutive_failures{job=\"ended-sessions\"}"));
    }

    @Test
    void theScrapeCarriesNoCrashData() {
        String scrape = scrape();
        assertFalse(scrape.contains("MetricsApp"), "no annotation values");
        assertFalse(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(scrape).find(),
                "no crash ids");
    }
}
