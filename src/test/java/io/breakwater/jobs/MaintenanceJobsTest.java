package io.breakwater.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.access.Permission;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.queue.QueueItem;
import io.breakwater.queue.QueueState;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.search.CrashIndexer;
import io.breakwater.search.CrashIndexNames;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The maintenance jobs against real PostgreSQL, object storage and Elasticsearch. */
@QuarkusTest
@TestProfile(MaintenanceJobsTest.Retention.class)
class MaintenanceJobsTest {

    public static class Retention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("breakwater.jobs.retention.days", "180",
                    "breakwater.jobs.retention.keep-per-signature", "2",
                    "breakwater.jobs.retention.product-days.ShortLived", "10",
                    "breakwater.jobs.retention.batch-size", "3");
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    JobRunner runner;

    @Inject
    CrashStorage storage;

    @Inject
    CrashIndexer indexer;

    @Inject
    CrashIndexManager indexes;

    @Inject
    CrashIndexNames names;

    @Inject
    CrashQueue queue;

    @Inject
    DataSource dataSource;

    /** A complete crash received {@code daysAgo} days ago: raw crash, a dump, processed crash, search document. */
    private String crash(int daysAgo, String product, String signature, boolean processed) throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo);
        String id = CrashIds.create(day, 0);
        Instant submitted = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ProductName", product);
        raw.put("uuid", id);
        raw.put("submitted_timestamp", submitted.toString());
        Path dump = Files.createTempFile("retention", ".dmp");
        Files.writeString(dump, "MDMP fake");
        storage.saveCrash(id, raw, Map.of("upload_file_minidump", dump));
        Files.delete(dump);
        if (processed) {
            ObjectNode p = MAPPER.createObjectNode();
            p.put("uuid", id);
            p.put("submitted_timestamp", submitted.toString());
            p.put("product", product);
            p.put("signature", signature);
            storage.saveProcessedCrash(id, p.toString().getBytes());
            assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(p));
        }
        return id;
    }

    private boolean gone(String id) {
        return !storage.rawCrashExists(id) && !storage.processedCrashExists(id) && !storage.dumpExists(id, "upload_file_minidump");
    }

    private boolean intact(String id) {
        return storage.rawCrashExists(id) && storage.processedCrashExists(id) && storage.dumpExists(id, "upload_file_minidump");
    }

    @Test
    void retentionDeletesWhatIsPastItsAgeAndKeepsTheFirstCrashesOfEachSignature() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String common = "common_crash_" + tag;
        String rare = "rare_crash_" + tag;
        // Four old crashes of one signature on successive days: the two oldest are its evidence.
        String old1 = crash(203, "LongLived", common, true);
        String old2 = crash(202, "LongLived", common, true);
        String old3 = crash(201, "LongLived", common, true);
        String old4 = crash(200, "LongLived", common, true);
        String rareOld = crash(200, "LongLived", rare, true);
        String young = crash(30, "LongLived", common, true);
        // A product with its own, shorter retention.
        String shortOld1 = crash(25, "ShortLived", "short_" + tag, true);
        String shortOld2 = crash(24, "ShortLived", "short_" + tag, true);
        String shortOld3 = crash(23, "ShortLived", "short_" + tag, true);
        String shortYoung = crash(5, "ShortLived", "short_" + tag, true);
        indexes.refresh();

        JobRunner.Outcome outcome = runner.runNow("retention").orElseThrow();
        assertTrue(outcome.ok(), outcome.message());
        indexes.refresh();

        for (String kept : List.of(old1, old2, rareOld, young, shortOld1, shortOld2, shortYoung)) {
            assertTrue(intact(kept), kept + " is kept");
        }
        for (String deleted : List.of(old3, old4, shortOld3)) {
            assertTrue(gone(deleted), deleted + " is deleted from storage");
            assertEquals(0, indexer.remove(deleted), deleted + " has no search document left");
        }
        assertEquals(List.of(old1, old2), retained(common));
        assertEquals(List.of(rareOld), retained(rare));

        // A second run finds nothing more to do with these.
        assertTrue(runner.runNow("retention").orElseThrow().ok());
        assertTrue(intact(old1) && intact(old2) && intact(young));
    }

    @Test
    void verifyProcessedQueuesACrashWhoseProcessedCopyWasDeleted() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // The job checks the days before its slot's day; before 04:00 UTC that slot is yesterday's.
        Instant slot = runner.job("verify-processed").orElseThrow().schedule().slotAt(Instant.now());
        int slotDaysAgo = (int) java.time.temporal.ChronoUnit.DAYS.between(
                LocalDate.ofInstant(slot, ZoneOffset.UTC), LocalDate.now(ZoneOffset.UTC));
        String fine = crash(slotDaysAgo + 1, "VerifyTest", "verify_" + tag, true);
        String lost = crash(slotDaysAgo + 1, "VerifyTest", "verify_" + tag, true);
        storage.deleteProcessedCrash(lost);
        indexer.remove(lost);
        String neverProcessed = crash(slotDaysAgo + 2, "VerifyTest", "verify_" + tag, false);
        String queued = crash(slotDaysAgo + 1, "VerifyTest", "verify_" + tag, false);
        queue.enqueue(queued, Lane.STANDARD);
        indexes.refresh();

        JobRunner.Outcome outcome = runner.runNow("verify-processed").orElseThrow();
        assertTrue(outcome.ok(), outcome.message());
        assertTrue(queue.findByCrashId(fine).isEmpty(), "a processed crash is left alone");
        for (String id : List.of(lost, neverProcessed)) {
            List<QueueItem> items = queue.findByCrashId(id);
            assertEquals(1, items.size(), id + " is queued again");
            assertEquals(Lane.STANDARD, items.getFirst().lane());
            assertTrue(missingRecorded(id));
        }
        assertEquals(1, queue.findByCrashId(queued).size(), "an already queued crash is not queued twice");
        assertFalse(missingRecorded(queued));

        // Once processed, the finding is marked so.
        storage.saveProcessedCrash(lost, ("{\"uuid\":\"" + lost + "\"}").getBytes());
        runner.runNow("verify-processed");
        assertTrue(processedSince(lost));
    }

    @Test
    void indexRotationCreatesNextWeeksIndexAhead() {
        JobRunner.Outcome outcome = runner.runNow("index-rotation").orElseThrow();
        assertTrue(outcome.ok(), outcome.message());
        String next = names.indexFor(LocalDate.now(ZoneOffset.UTC).plusWeeks(1));
        assertTrue(indexes.listIndices().stream().anyMatch(i -> i.name().equals(next)), next + " exists");
    }

    @Test
    void staleLeasesGoBackToTheQueue() throws Exception {
        String id = CrashIds.create(LocalDate.now(ZoneOffset.UTC), 0);
        queue.enqueue(id, Lane.PRIORITY);
        List<QueueItem> claimed = queue.claim("dead-worker", 1, Duration.ofMillis(1), List.of(Lane.PRIORITY));
        assertTrue(claimed.stream().anyMatch(i -> i.crashId().equals(id)));
        Thread.sleep(50);
        assertTrue(runner.runNow("stale-queue-leases").orElseThrow().ok());
        assertEquals(QueueState.PENDING, queue.findByCrashId(id).getFirst().state());
    }

    @Test
    void oneCrashIsDeletedForGoodByAnAdmin() throws Exception {
        String id = crash(3, "DeleteTest", "delete_me_" + UUID.randomUUID(), true);
        indexes.refresh();
        given().delete("/api/crashes/" + id).then().statusCode(401);
        given().header("Auth-Token", TestAccounts.token(Permission.VIEW_PII)).delete("/api/crashes/" + id)
                .then().statusCode(403);
        String admin = TestAccounts.token(Permission.ADMIN);
        given().header("Auth-Token", admin).delete("/api/crashes/bp-" + id).then().statusCode(200)
                .body("complete", equalTo(true)).body("search_documents_removed", equalTo(1));
        assertTrue(gone(id));
        given().header("Auth-Token", admin).delete("/api/crashes/" + id).then().statusCode(404);
        given().queryParam("crash_id", id).get("/api/ProcessedCrash").then().statusCode(404);
    }

    @Inject
    StorageUsageJob storageUsage;

    @Test
    void storageUsageCountsWhatTheBucketsHoldAndTheSystemPageShowsIt() throws Exception {
        assertTrue(runner.runNow("storage-usage").orElseThrow().ok());
        Map<String, StorageUsageJob.Row> before = byPrefix(storageUsage.lastMeasurement());
        crash(4, "UsageTest", "usage_" + UUID.randomUUID(), true);
        JobRunner.Outcome outcome = runner.runNow("storage-usage").orElseThrow();
        assertTrue(outcome.ok(), outcome.message());
        Map<String, StorageUsageJob.Row> after = byPrefix(storageUsage.lastMeasurement());

        // One crash is its raw crash, its dump names, its dump and its processed crash.
        for (String prefix : List.of("v1/raw_crash", "v1/dump_names", "v1/upload_file_minidump", "v1/processed_crash")) {
            assertEquals(objects(before, prefix) + 1, objects(after, prefix), prefix + " in " + after.keySet());
        }
        assertEquals(bytes(before, "v1/upload_file_minidump") + "MDMP fake".length(),
                bytes(after, "v1/upload_file_minidump"), "the dump's bytes");

        TestAccounts.Browser admin = TestAccounts.login(TestAccounts.user(Permission.ADMIN));
        String page = given().cookie("bw_session", admin.sessionCookie()).get("/admin/system").then().statusCode(200)
                .extract().asString();
        int row = page.indexOf("data-prefix=\"v1/raw_crash\"");
        assertTrue(row >= 0, "the raw crashes are listed");
        assertTrue(page.substring(row, page.indexOf("</tr>", row)).contains(
                "<td class=\"num\">" + objects(after, "v1/raw_crash") + "</td>"));
    }

    private static Map<String, StorageUsageJob.Row> byPrefix(List<StorageUsageJob.Row> rows) {
        Map<String, StorageUsageJob.Row> map = new LinkedHashMap<>();
        rows.stream().filter(r -> r.prefix().startsWith("v1/")).forEach(r -> map.put(r.prefix(), r));
        return map;
    }

    private static long objects(Map<String, StorageUsageJob.Row> rows, String prefix) {
        StorageUsageJob.Row r = rows.get(prefix);
        return r == null ? 0 : r.objects();
    }

    private static long bytes(Map<String, StorageUsageJob.Row> rows, String prefix) {
        StorageUsageJob.Row r = rows.get(prefix);
        return r == null ? 0 : r.bytes();
    }

    @Test
    void theJobsPageListsEveryJob() {
        TestAccounts.Browser admin = TestAccounts.login(TestAccounts.user(Permission.ADMIN));
        String page = given().cookie("bw_session", admin.sessionCookie()).get("/admin/jobs").then().statusCode(200)
                .extract().asString();
        for (String job : List.of("retention", "verify-processed", "index-rotation", "signature-first-seen",
                "stale-queue-leases", "symbol-cache-pruning", "ended-sessions", "storage-usage")) {
            assertTrue(page.contains("data-job=\"" + job + "\""), job);
        }
        given().redirects().follow(false).cookie("bw_session", admin.sessionCookie())
                .formParam("csrf_token", admin.csrfToken()).post("/admin/jobs/retention/run").then().statusCode(303);
        assertTrue(runner.overview().entrySet().stream().anyMatch(e -> e.getKey().name().equals("retention")
                && e.getValue().map(s -> s.requestedAt() != null).orElse(false)), "run now is recorded");
    }

    private List<String> retained(String signature) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT crash_id FROM retained_crash WHERE signature = ? ORDER BY submitted_on, crash_id")) {
            ps.setString(1, signature);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            }
        }
    }

    private boolean missingRecorded(String id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT requeued FROM missing_processed_crash WHERE crash_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private boolean processedSince(String id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT processed_at IS NOT NULL FROM missing_processed_crash WHERE crash_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
