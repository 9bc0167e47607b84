package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Indexing against the real Elasticsearch and PostgreSQL of the test JVM. */
@QuarkusTest
class CrashIndexerTest {

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
    @Inject
    SearchBacklogDrainer drainer;
    @Inject
    SearchReindexer reindexer;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private Map<?, ?> source(String id) throws Exception {
        manager.refresh();
        var hits = client.search(s -> s.index(names.alias()).query(q -> q.ids(i -> i.values(id))), Map.class)
                .hits().hits();
        assertEquals(1, hits.size(), "documents for " + id);
        return hits.get(0).source();
    }

    private long count(String id) throws Exception {
        manager.refresh();
        return client.count(c -> c.index(names.alias()).query(q -> q.ids(i -> i.values(id)))).count();
    }

    @Test
    void templateAliasAndWeeklyIndex() throws Exception {
        String id = TestCrashes.crashId(now);
        assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(TestCrashes.processed(id, now, "a | b", "Templated").toString()));
        String index = names.indexFor(now);
        assertTrue(index.matches("breakwater-crashes-\\d{6}"), index);

        var template = client.indices().getIndexTemplate(t -> t.name(names.templateName())).indexTemplates().get(0);
        assertEquals(List.of("breakwater-crashes-*"), template.indexTemplate().indexPatterns());

        var aliases = client.indices().getAlias(a -> a.name(names.alias())).result();
        assertTrue(aliases.containsKey(index), "alias covers " + aliases.keySet());

        var mapping = client.indices().getMapping(m -> m.index(index)).result().get(index).mappings();
        assertTrue(mapping.properties().get("signature").isText());
        assertTrue(mapping.properties().get("signature").text().fields().get("full").isKeyword());
        assertTrue(mapping.properties().get("uptime").isLong());
        assertTrue(mapping.properties().get("date").isDate());
        // json_dump and unknown fields are not in the document
        Map<?, ?> src = source(id);
        assertFalse(src.containsKey("json_dump"));
        assertEquals("a | b", src.get("signature"));
        // the hit lives in the week index named by its date
        var hit = client.search(s -> s.index(names.alias()).query(q -> q.ids(i -> i.values(id))), Map.class).hits().hits().get(0);
        assertEquals(index, hit.index());
    }

    @Test
    void reprocessedCrashReplacesItsDocument() throws Exception {
        String id = TestCrashes.crashId(now);
        ObjectNode first = TestCrashes.processed(id, now, "old | signature", "Replace");
        first.put("completed_datetime", now.plusSeconds(1).toString());
        assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(first));
        ObjectNode second = TestCrashes.processed(id, now, "new | signature", "Replace");
        second.put("completed_datetime", now.plusSeconds(5).toString());
        assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(second));
        assertEquals(1, count(id));
        assertEquals("new | signature", source(id).get("signature"));

        // a late, older processing result does not win over the newer one
        ObjectNode stale = TestCrashes.processed(id, now, "stale | signature", "Replace");
        stale.put("completed_datetime", now.plusSeconds(2).toString());
        assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(stale));
        assertEquals("new | signature", source(id).get("signature"));
        assertEquals(1, count(id));

        // the same result again is fine (idempotent)
        assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(second));
        assertEquals(1, count(id));
    }

    @Test
    void bulkIndexingReportsEachCrash() throws Exception {
        String a = TestCrashes.crashId(now);
        String b = TestCrashes.crashId(now);
        Map<String, CrashIndexer.Outcome> outcomes = indexer.indexAll(List.of(
                TestCrashes.processed(a, now, "bulk | a", "Bulk"), TestCrashes.processed(b, now, "bulk | b", "Bulk"),
                TestCrashes.MAPPER.createObjectNode().put("signature", "no id")));
        assertEquals(Map.of(a, CrashIndexer.Outcome.INDEXED, b, CrashIndexer.Outcome.INDEXED), outcomes);
        assertEquals("bulk | b", source(b).get("signature"));
        assertEquals(1, indexer.remove(a));
        assertEquals(0, count(a));
    }

    @Test
    void badCrashesAreRejectedNotThrown() {
        assertEquals(CrashIndexer.Outcome.REJECTED, indexer.index("{not json"));
        assertEquals(CrashIndexer.Outcome.REJECTED, indexer.index("{\"signature\": \"no id\"}"));
    }

    @Test
    void crashesIndexedWhileSearchIsDownAreCaughtUpFromStorage() throws Exception {
        try (UnreachableElasticsearch down = new UnreachableElasticsearch()) {
            SearchAvailability availability = down.availability;
            CrashIndexer downIndexer = down.indexer(builder, registry, names, backlog);

            TestCrashes.Storage storage = new TestCrashes.Storage();
            String a = TestCrashes.crashId(now);
            String b = TestCrashes.crashId(now);
            ObjectNode crashA = TestCrashes.processed(a, now, "down | a", "CatchUp");
            ObjectNode crashB = TestCrashes.processed(b, now, "down | b", "CatchUp");
            storage.put(crashA);
            storage.put(crashB);

            assertEquals(CrashIndexer.Outcome.QUEUED, downIndexer.index(crashA));
            assertTrue(availability.presumedDown());
            // while presumed down, Elasticsearch is not even tried
            assertEquals(CrashIndexer.Outcome.QUEUED, downIndexer.index(crashB));
            assertTrue(backlog.contains(a));
            assertTrue(backlog.contains(b));
            assertEquals(0, count(a));

            // Elasticsearch is back: the catch-up writes both from storage
            SearchBacklogDrainer.Result result = drainer.drain(storage);
            assertFalse(result.stoppedUnavailable());
            assertTrue(result.indexed() >= 2, "indexed " + result);
            assertFalse(backlog.contains(a));
            assertFalse(backlog.contains(b));
            assertEquals(1, count(a));
            assertEquals("down | b", source(b).get("signature"));

            // draining again and indexing again changes nothing: still one document each
            drainer.drain(storage);
            assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(crashA));
            assertEquals(1, count(a));
            assertEquals(1, count(b));
        }
    }

    @Test
    void drainerStopsAndKeepsRowsWhenSearchIsStillDown() throws Exception {
        try (UnreachableElasticsearch down = new UnreachableElasticsearch()) {
            SearchAvailability availability = down.availability;
            CrashIndexWriter deadWriter = new CrashIndexWriter(down.client, names);
            CrashIndexManager deadManager = down.manager(registry, names);
            TestCrashes.Storage storage = new TestCrashes.Storage();
            String id = TestCrashes.crashId(now);
            storage.put(TestCrashes.processed(id, now, "still | down", "CatchUp"));
            backlog.enqueue(id, SearchBacklog.Reason.UNAVAILABLE, "test");

            SearchBacklogDrainer deadDrainer = new SearchBacklogDrainer(backlog, deadWriter, deadManager, builder,
                    availability, null, 50, 5);
            SearchBacklogDrainer.Result r = deadDrainer.drain(storage);
            assertTrue(r.stoppedUnavailable());
            assertTrue(backlog.contains(id), "nothing lost");

            assertTrue(drainer.drain(storage).indexed() >= 1);
            assertFalse(backlog.contains(id));
            assertEquals(1, count(id));
        }
    }

    @Test
    void missingProcessedCrashIsRetriedThenReindexRequestsAreDropped() throws Exception {
        TestCrashes.Storage storage = new TestCrashes.Storage();
        String missing = TestCrashes.crashId(now);
        backlog.enqueue(missing, SearchBacklog.Reason.UNAVAILABLE, "test");
        drainer.drain(storage);
        assertTrue(backlog.contains(missing), "a crash that should exist stays queued");

        String neverProcessed = TestCrashes.crashId(now);
        String processed = TestCrashes.crashId(now);
        storage.put(TestCrashes.processed(processed, now, "rebuilt", "Reindex"));
        assertEquals(2, reindexer.reindex(List.of(neverProcessed, processed, "not-a-crash-id")));
        drainer.drain(storage);
        assertFalse(backlog.contains(neverProcessed));
        assertFalse(backlog.contains(processed));
        assertEquals("rebuilt", source(processed).get("signature"));
    }

    @Test
    void rotationDeletesWeeksBeyondRetentionOnly() throws Exception {
        CrashIndexNames rotNames = new CrashIndexNames("bw-rotation-test");
        CrashIndexManager rot = new CrashIndexManager(client, registry, rotNames, 1, 0, "1s", 4);
        CrashIndexWriter writer = new CrashIndexWriter(client, rotNames);
        rot.installTemplate();
        LocalDate today = LocalDate.of(2026, 11, 24);
        for (int weeksAgo : new int[] {0, 3, 5, 10}) {
            Instant date = today.minusWeeks(weeksAgo).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
            var doc = builder.build(TestCrashes.processed(TestCrashes.crashId(date), date, "s", "Rotation"), null);
            assertEquals(CrashIndexWriter.Status.WRITTEN, writer.write(doc).status());
        }
        rot.refresh();
        List<String> before = rot.crashIndexNames();
        assertEquals(4, before.size(), before.toString());
        assertEquals(4, rot.listIndices().size());
        assertTrue(rot.listIndices().stream().allMatch(i -> i.docs() == 1 && i.firstDay() != null));

        List<String> deleted = rot.deleteOlderThan(4, today);
        assertEquals(List.of(rotNames.indexFor(today.minusWeeks(10)), rotNames.indexFor(today.minusWeeks(5))),
                deleted.stream().sorted().toList());
        List<String> after = rot.crashIndexNames();
        assertEquals(List.of(rotNames.indexFor(today.minusWeeks(3)), rotNames.indexFor(today)), after);
        assertEquals(2, client.count(c -> c.index(rotNames.alias())).count());
        client.indices().delete(d -> d.index(rotNames.wildcard()));
        client.indices().deleteIndexTemplate(d -> d.name(rotNames.templateName()));
    }
}
