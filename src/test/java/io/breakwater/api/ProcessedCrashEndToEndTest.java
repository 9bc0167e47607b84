package io.breakwater.api;

import io.breakwater.processor.ProcessorRunningProfile;
import io.breakwater.storage.CrashStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real crash through {@code /submit} and the processor: its processed crash comes back public (frames,
 * modules, no registers, no URL or comments), its raw crash without protected annotations, and its
 * signature gets a first-seen date from the processor hook.
 */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class ProcessedCrashEndToEndTest {

    private static final Path DUMP = Path.of("..", "shared", "corpus", "generated", "segv", "crash.dmp");
    private static final String URL = "https://private.example/e2e?sid=e2e-secret";
    private static final String COMMENTS = "e2e comment: my address is 1 Private Road";

    @Inject
    CrashStorage storage;

    @Test
    void submittedCrashIsServedPubliclyAndItsSignatureFirstSeenRecorded() throws Exception {
        assumeTrue(Files.isRegularFile(DUMP), "corpus dump not found at " + DUMP.toAbsolutePath());
        String body = given()
                .multiPart("ProductName", "E2EApi")
                .multiPart("Version", "3.1")
                .multiPart("BuildID", "20240615101010")
                .multiPart("URL", URL)
                .multiPart("Comments", COMMENTS)
                .multiPart("upload_file_minidump", DUMP.toFile(), "application/octet-stream")
                .post("/submit").then().statusCode(200).extract().asString().strip();
        assertTrue(body.startsWith("CrashID=bp-"), body);
        String id = body.substring("CrashID=bp-".length());

        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!storage.processedCrashExists(id)) {
            if (System.nanoTime() > deadline) fail("crash " + id + " was not processed in time");
            Thread.sleep(200);
        }

        String processed = given().queryParam("crash_id", "bp-" + id).get("/api/ProcessedCrash")
                .then().statusCode(200).extract().asString();
        JsonPath json = JsonPath.from(processed);
        assertEquals("store_value", json.getString("signature"));
        assertEquals("E2EApi", json.getString("product"));
        int crashing = json.getInt("crashing_thread");
        assertFalse(json.getList("json_dump.threads[" + crashing + "].frames.function").isEmpty());
        assertFalse(json.getList("json_dump.modules").isEmpty());
        for (String secret : new String[]{URL, "e2e-secret", COMMENTS, "\"registers\"", "\"url\"", "user_comments"}) {
            assertFalse(processed.contains(secret), secret + " leaked into the public processed crash");
        }
        // The stored crash does have them: the redaction, not the processor, removed them.
        String stored = new String(storage.loadProcessedCrashBytes(id).orElseThrow());
        assertTrue(stored.contains("\"registers\"") && stored.contains(URL));

        String raw = given().queryParam("crash_id", id).get("/api/RawCrash").then().statusCode(200)
                .body("ProductName", equalTo("E2EApi")).body("BuildID", equalTo("20240615101010"))
                .extract().asString();
        assertFalse(raw.contains(URL) || raw.contains(COMMENTS), raw);

        String submitted = json.getString("submitted_timestamp");
        given().queryParam("signatures", "store_value").get("/api/SignatureFirstDate").then().statusCode(200)
                .body("total", equalTo(1))
                .body("hits[0].signature", equalTo("store_value"))
                .body("hits[0].first_date", lessThanOrEqualTo(submitted))
                .body("hits[0].first_build", notNullValue());
    }
}
