package io.breakwater.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.access.Permission;
import io.breakwater.processor.ProcessorRunningProfile;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.queue.QueueItem;
import io.breakwater.queue.QueueState;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class ReprocessingResourceTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    private static String token;

    /** Requests with a token that may reprocess. */
    private static io.restassured.specification.RequestSpecification authed() {
        if (token == null) {
            token = TestAccounts.token(Permission.REPROCESS_CRASHES);
        }
        return given().header("Auth-Token", token);
    }

    @Test
    void malformedIdsAreRejected() {
        authed().formParam("crash_ids", "not-a-crash-id").post("/api/Reprocessing")
                .then().statusCode(400).body("crash_ids", contains("not-a-crash-id"));
        String good = CrashIds.create(LocalDate.now(ZoneOffset.UTC), 0);
        authed().formParam("crash_ids", good + ":no_such_ruleset").post("/api/Reprocessing")
                .then().statusCode(400).body("crash_ids", contains(good + ":no_such_ruleset"));
        authed().contentType(ContentType.JSON).body("{\"crash_ids\": [1, 2]}").post("/api/Reprocessing")
                .then().statusCode(400);
        authed().contentType(ContentType.JSON).body("{}").post("/api/Reprocessing").then().statusCode(400);
        authed().formParam("crash_ids", "").post("/api/Reprocessing").then().statusCode(400);
    }

    @Test
    void unknownCrashesAreRejectedAndNothingIsQueued() {
        String unknown = CrashIds.create(LocalDate.now(ZoneOffset.UTC), 0);
        authed().formParam("crash_ids", unknown).post("/api/Reprocessing")
                .then().statusCode(400).body("error", equalTo("unknown crash ids")).body("crash_ids", hasItem(unknown));
        assertTrue(queue.findByCrashId(unknown).isEmpty());
    }

    @Test
    void tooManyIdsAreRejected() {
        List<String> ids = java.util.stream.Stream.generate(() -> CrashIds.create(LocalDate.now(ZoneOffset.UTC), 0))
                .limit(ReprocessingResource.MAX_CRASH_IDS + 1).toList();
        // A whole chunk fits in one comma-separated form field; one id too many is refused before any lookup.
        authed().formParam("crash_ids", String.join(",", ids)).post("/api/Reprocessing")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.containsString("at most"));
        authed().contentType(ContentType.JSON).body(Map.of("crash_ids", ids)).post("/api/Reprocessing")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.containsString("at most"));
    }

    @Test
    void reprocessingRunsAgainAndKeepsHistory() throws Exception {
        String id = storeCrash();
        queue.enqueue(id, Lane.STANDARD);
        JsonNode first = awaitProcessed(id, 0);

        // Socorro's id forms: bp- prefix, any case, form field.
        authed().formParam("crash_ids", "bp-" + id.toUpperCase()).post("/api/Reprocessing")
                .then().statusCode(200).body("crash_ids", contains(id));
        JsonNode second = awaitProcessed(id, 1);
        assertNotEquals(first.get("started_datetime"), second.get("started_datetime"));
        assertEquals(first.get("started_datetime"), second.at("/processor_history/0/started_datetime"));

        authed().contentType(ContentType.JSON).body(Map.of("crash_ids", List.of(id + ":regenerate_signature")))
                .post("/api/Reprocessing").then().statusCode(200).body("queued", equalTo(1));
        JsonNode third = awaitProcessed(id, 2);
        assertEquals(second.get("json_dump"), third.get("json_dump"));
        assertEquals(second.get("minidump_sha256_hash"), third.get("minidump_sha256_hash"));
        assertFalse(third.get("processor_notes").asText().contains("not applicable"), third.get("processor_notes").asText());
    }

    @Test
    void withoutThePermissionNothingIsQueued() throws IOException {
        String id = storeCrash();
        // Anonymous, from loopback, with a forged proxy header: no special case for this machine.
        given().header("X-Forwarded-For", "127.0.0.1").formParam("crash_ids", id).post("/api/Reprocessing")
                .then().statusCode(401).body("permission_needed", equalTo("reprocess_crashes"));
        given().header("Auth-Token", TestAccounts.token(Permission.UPLOAD_SYMBOLS, Permission.VIEW_PII))
                .formParam("crash_ids", id).post("/api/Reprocessing")
                .then().statusCode(403).body("permission_needed", equalTo("reprocess_crashes"));
        given().header("Auth-Token", "bw_" + "x".repeat(40)).formParam("crash_ids", id).post("/api/Reprocessing")
                .then().statusCode(401).body("error", equalTo("unknown API token"));
        assertTrue(queue.findByCrashId(id).isEmpty(), "nothing was queued");
    }

    private String storeCrash() throws IOException {
        String id = CrashIds.create(LocalDate.now(ZoneOffset.UTC), 0);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("uuid", id);
        raw.put("submitted_timestamp", Instant.now().toString());
        raw.put("ProductName", "ReprocessMe");
        Path dump = Files.createTempFile("reprocess", ".dmp");
        try {
            Files.write(dump, "garbage".getBytes(StandardCharsets.UTF_8));
            storage.saveCrash(id, raw, Map.of("upload_file_minidump", dump));
        } finally {
            Files.deleteIfExists(dump);
        }
        return id;
    }

    /** Waits for the crash's queue items to drain with a history of {@code history} earlier runs. */
    private JsonNode awaitProcessed(String id, int history) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            List<QueueItem> items = queue.findByCrashId(id);
            Optional<byte[]> bytes = storage.loadProcessedCrashBytes(id);
            if (items.stream().allMatch(i -> i.state() == QueueState.PARKED) && bytes.isPresent()) {
                JsonNode p = MAPPER.readTree(bytes.get());
                if (p.path("processor_history").size() == history) return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("crash " + id + " not processed " + (history + 1) + " time(s)");
    }
}
