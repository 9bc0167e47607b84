package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Bulk indexing of the processor's crashes against the real Elasticsearch and PostgreSQL of the test JVM. */
@QuarkusTest
class IndexBatcherTest {

    @Inject
    ElasticsearchClient client;
    @Inject
    CrashIndexer indexer;
    @Inject
    CrashIndexManager manager;
    @Inject
    CrashIndexNames names;
    @Inject
    FieldRegistry registry;
    @Inject
    CrashDocumentBuilder builder;
    @Inject
    SearchBacklog backlog;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private long count(String id) throws Exception {
        manager.refresh();
        return client.count(c -> c.index(names.alias()).query(q -> q.ids(i -> i.values(id)))).count();
    }

    private List<String> submit(IndexBatcher batcher, int crashes, List<CompletableFuture<CrashIndexer.Outcome>> into) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < crashes; i++) {
            String id = TestCrashes.crashId(now);
            ids.add(id);
            into.add(batcher.submit(TestCrashes.processed(id, now, "bulk | " + i, "Bulk"), null));
        }
        return ids;
    }

    private static void assertEveryOutcome(CrashIndexer.Outcome expected,
                                           List<CompletableFuture<CrashIndexer.Outcome>> futures) throws Exception {
        for (var f : futures) assertEquals(expected, f.get(20, TimeUnit.SECONDS));
    }

    @Test
    void crashesArrivingWithinTheLingerGoOutInOneRequestAndAreSearchable() throws Exception {
        IndexBatcher batcher = new IndexBatcher(indexer, 500, Duration.ofSeconds(2));
        try {
            List<CompletableFuture<CrashIndexer.Outcome>> futures = new ArrayList<>();
            List<String> ids = submit(batcher, 5, futures);
            assertEveryOutcome(CrashIndexer.Outcome.INDEXED, futures);
            assertEquals(1, batcher.requestCount(), "one bulk request for five crashes");
            assertEquals(5, batcher.documentCount());
            for (String id : ids) assertEquals(1, count(id), id);
        } finally {
            batcher.stop();
        }
    }

    @Test
    void aFullBatchDoesNotWaitForTheLinger() throws Exception {
        IndexBatcher batcher = new IndexBatcher(indexer, 2, Duration.ofMinutes(10));
        try {
            List<CompletableFuture<CrashIndexer.Outcome>> futures = new ArrayList<>();
            List<String> ids = submit(batcher, 4, futures);
            assertEveryOutcome(CrashIndexer.Outcome.INDEXED, futures);
            assertEquals(2, batcher.requestCount(), "two full batches of two");
            assertEquals(1, count(ids.get(3)));

            // A fifth waits for company or the linger; stopping writes it at once.
            List<CompletableFuture<CrashIndexer.Outcome>> last = new ArrayList<>();
            String id = submit(batcher, 1, last).get(0);
            Thread.sleep(200);
            assertFalse(last.get(0).isDone(), "a lone crash waits for the linger");
            batcher.stop();
            assertEquals(CrashIndexer.Outcome.INDEXED, last.get(0).get(1, TimeUnit.SECONDS));
            assertEquals(1, count(id));
        } finally {
            batcher.stop();
        }
    }

    @Test
    void afterStoppingEachCrashIsWrittenOnTheCallersThread() throws Exception {
        IndexBatcher batcher = new IndexBatcher(indexer, 500, Duration.ofMinutes(10));
        batcher.stop();
        List<CompletableFuture<CrashIndexer.Outcome>> futures = new ArrayList<>();
        String id = submit(batcher, 1, futures).get(0);
        assertTrue(futures.get(0).isDone(), "written before submit returned");
        assertEquals(CrashIndexer.Outcome.INDEXED, futures.get(0).get());
        assertEquals(1, count(id));
    }

    @Test
    void aCrashWithoutAnIdIsRejectedAtOnce() throws Exception {
        IndexBatcher batcher = new IndexBatcher(indexer, 500, Duration.ofMinutes(10));
        try {
            ObjectNode noId = TestCrashes.processed(TestCrashes.crashId(now), now, "x", "Bulk");
            noId.remove("uuid");
            noId.remove("crash_id");
            var future = batcher.submit(noId, null);
            assertEquals(CrashIndexer.Outcome.REJECTED, future.get(1, TimeUnit.SECONDS));
            assertEquals(0, batcher.requestCount());
        } finally {
            batcher.stop();
        }
    }

    @Test
    void whileSearchIsDownTheBatchGoesToTheBacklog() throws Exception {
        IndexBatcher batcher = null;
        try (UnreachableElasticsearch down = new UnreachableElasticsearch()) {
            batcher = new IndexBatcher(down.indexer(builder, registry, names, backlog), 500, Duration.ofMillis(50));
            List<CompletableFuture<CrashIndexer.Outcome>> futures = new ArrayList<>();
            List<String> ids = submit(batcher, 3, futures);
            assertEveryOutcome(CrashIndexer.Outcome.QUEUED, futures);
            for (String id : ids) assertTrue(backlog.contains(id), id + " kept for the catch-up");
        } finally {
            if (batcher != null) batcher.stop();
        }
    }

    @Test
    void configurationIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new IndexBatcher(indexer, 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new IndexBatcher(indexer, 1, Duration.ofMillis(-1)));
    }
}
