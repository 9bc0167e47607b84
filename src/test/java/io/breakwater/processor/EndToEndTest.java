package io.breakwater.processor;

import io.breakwater.access.Permission;
import io.breakwater.testsupport.TestAccounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.queue.CrashQueue;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.storage.CrashStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.breakwater.processor.ProcessingTestSupport.awaitSettled;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end against the real local services: every generated dump goes through {@code POST /submit}, the
 * worker pool walks it with the corpus symbols (test profile), stores it, indexes it; the crash is then
 * found through Super Search by its signature, and reprocessing with {@code :regenerate_signature} works.
 */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class EndToEndTest {

    /** Crash ids by corpus directory, submitted once for all tests of this class. */
    private static final Map<String, String> SUBMITTED = new LinkedHashMap<>();

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    CrashIndexManager indexes;

    @Inject
    io.breakwater.storage.FreshCrashes fresh;

    @BeforeEach
    void submitCorpusOnce() {
        assumeTrue(Files.isDirectory(GeneratedCorpus.DIR), "corpus not found at " + GeneratedCorpus.DIR.toAbsolutePath());
        synchronized (SUBMITTED) {
            if (!SUBMITTED.isEmpty()) return;
            for (String dir : GeneratedCorpus.DUMPS.keySet()) {
                String body = given()
                        .multiPart("ProductName", "crashgen")
                        .multiPart("Version", "1.0.3")
                        .multiPart("ReleaseChannel", "nightly")
                        .multiPart("upload_file_minidump", GeneratedCorpus.dump(dir).toFile(), "application/octet-stream")
                        .post("/submit")
                        .then().statusCode(200).extract().asString().strip();
                assertTrue(body.startsWith("CrashID=bp-"), body);
                SUBMITTED.put(dir, body.substring("CrashID=bp-".length()));
            }
        }
    }

    @Test
    void everyDumpIsProcessedWithSymbolsAndTheExpectedSignature() throws Exception {
        for (Map.Entry<String, String> crash : SUBMITTED.entrySet()) {
            String dir = crash.getKey();
            GeneratedCorpus.Expected expected = GeneratedCorpus.DUMPS.get(dir);
            JsonNode p = awaitSettled(storage, queue, crash.getValue());

            assertTrue(p.get("success").asBoolean(), dir + ": " + p.get("processor_notes"));
            assertEquals(expected.signature(), p.get("signature").asText(), dir);
            assertTrue(p.get("reason").asText().startsWith(expected.reasonPrefix()), dir);
            assertEquals("crashgen", p.get("product").asText());
            assertEquals(1, p.get("major_version").asInt());
            assertEquals("nightly", p.get("release_channel").asText());
            assertEquals(crash.getValue(), p.get("uuid").asText());

            JsonNode frames = p.at("/json_dump/threads/" + p.get("crashing_thread").asInt() + "/frames");
            boolean withFileAndLine = false;
            for (JsonNode frame : frames) {
                withFileAndLine |= !frame.path("function").asText("").isEmpty()
                        && !frame.path("file").asText("").isEmpty() && frame.path("line").asInt(0) > 0;
            }
            assertTrue(withFileAndLine, dir + ": crashing thread has symbolicated frames with file and line");
            assertTrue(p.at("/json_dump/modules").size() > 3, dir);
            assertTrue(p.get("modules_in_stack").asText().contains("crashgen/"), dir);
            String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(GeneratedCorpus.dump(dir))));
            assertEquals(sha256, p.get("minidump_sha256_hash").asText(), dir);
            assertEquals(sha256, p.at("/collector_metadata/dump_checksums/upload_file_minidump").asText(), dir);
            assertTrue(p.get("crash_report_keys").toString().contains("upload_file_minidump"));
        }
        // The processor runs in this instance, so it took the collector's copies instead of reading storage back.
        assertTrue(fresh.enabled());
        assertTrue(fresh.hits() >= 1, "hand-offs taken: " + fresh.hits() + ", misses: " + fresh.misses());
    }

    @Test
    void processedCrashesAreFoundInSearchBySignature() throws Exception {
        String id = SUBMITTED.get("segv");
        awaitSettled(storage, queue, id);
        indexes.refresh();
        Response response = given().queryParam("signature", "=store_value").queryParam("_columns", "uuid")
                .queryParam("_results_number", 100)
                .get("/api/SuperSearch").then().statusCode(200).extract().response();
        List<String> uuids = response.jsonPath().getList("hits.uuid");
        assertTrue(uuids.contains(id), "segv crash found by signature: " + response.asString());
        for (String other : List.of(SUBMITTED.get("abort"), SUBMITTED.get("fpe"))) {
            assertFalse(uuids.contains(other), "other signatures are not matched");
        }
    }

    @Test
    void regenerateSignatureReprocessesWithoutWalkingAgain() throws Exception {
        String id = SUBMITTED.get("dwarf4/fpe");
        JsonNode before = awaitSettled(storage, queue, id);
        given().header("Auth-Token", TestAccounts.token(Permission.REPROCESS_CRASHES)).contentType(ContentType.JSON)
                .body(Map.of("crash_ids", List.of("bp-" + id + ":regenerate_signature")))
                .post("/api/Reprocessing").then().statusCode(200);
        JsonNode after = ProcessingTestSupport.await(() -> {
            JsonNode p = ProcessingTestSupport.processed(storage, id);
            return p != null && p.path("processor_history").size() > before.path("processor_history").size()
                    && queue.findByCrashId(id).isEmpty() ? p : null;
        }, "reprocessing of " + id);
        assertEquals(before.get("signature"), after.get("signature"));
        assertEquals(before.get("json_dump"), after.get("json_dump"), "regenerate_signature keeps the walk");
        assertEquals(before.get("started_datetime"), after.at("/processor_history/0/started_datetime"));
        assertNotEquals(before.get("started_datetime"), after.get("started_datetime"));
        assertTrue(after.get("success").asBoolean());
    }
}
