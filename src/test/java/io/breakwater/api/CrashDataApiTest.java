package io.breakwater.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.access.Permission;
import io.breakwater.storage.CrashIds;
import io.breakwater.testsupport.TestAccounts;
import io.breakwater.storage.CrashStorage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * ProcessedCrash and RawCrash over crashes written to the real object storage: every error, and the
 * public/protected boundary (protected values never reach anonymous callers; callers with real API tokens
 * holding the permissions get everything).
 */
@QuarkusTest
class CrashDataApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String URL = "https://private.example/inbox?session=s3cr3t";
    private static final String EMAIL = "someone@private.example";
    private static final String COMMENTS = "I was typing my bank password when it crashed";
    private static final String INSTALL = "install-id-0123456789";
    private static final String APP_SECRET = "app-secret-value-9876";
    private static final String REGISTER = "0x00007fffdeadbeef";
    private static final List<String> SECRETS = List.of(URL, "private.example", "s3cr3t", EMAIL, COMMENTS, INSTALL,
            APP_SECRET, REGISTER);
    private static final byte[] DUMP = "MDMP fake dump with heap bytes".getBytes();

    private static String processedId;
    private static String pendingId;

    @Inject
    CrashStorage storage;


    @BeforeEach
    void storeCrashes() throws Exception {
        if (processedId != null) return;
        String id = CrashIds.create(LocalDate.now(), 0);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ProductName", "ApiTest");
        raw.put("Version", "2.0");
        raw.put("BuildID", "20240101000000");
        raw.put("URL", URL);
        raw.put("Email", EMAIL);
        raw.put("Comments", COMMENTS);
        raw.put("InstallID", INSTALL);
        raw.put("AppSecret", APP_SECRET);
        raw.put("uuid", id);
        raw.put("submitted_timestamp", "2024-01-02T03:04:05.000000+00:00");
        raw.put("metadata", Map.of("payload", "multipart", "query_parameters", Map.of("token", APP_SECRET)));
        Path dump = Files.createTempFile("api-test", ".dmp");
        Files.write(dump, DUMP);
        storage.saveCrash(id, raw, Map.of("upload_file_minidump", dump));

        ObjectNode p = MAPPER.createObjectNode();
        p.put("uuid", id);
        p.put("signature", "api_test_frame | other");
        p.put("product", "ApiTest");
        p.put("version", "2.0");
        p.put("url", URL);
        p.put("email", EMAIL);
        p.put("user_comments", COMMENTS);
        p.put("install_id", INSTALL);
        p.putObject("collector_metadata").put("payload", "multipart").putObject("query_parameters").put("token", APP_SECRET);
        ObjectNode frame = p.putObject("json_dump").putArray("threads").addObject().putArray("frames").addObject();
        frame.put("function", "api_test_frame");
        frame.putObject("registers").put("rip", REGISTER);
        storage.saveProcessedCrash(id, p.toString().getBytes());
        processedId = id;

        String pending = CrashIds.create(LocalDate.now(), 0);
        storage.saveCrash(pending, Map.of("ProductName", "ApiTest", "uuid", pending), Map.of());
        pendingId = pending;
        Files.delete(dump);
    }

    private static void assertNoSecrets(String body) {
        for (String secret : SECRETS) {
            assertFalse(body.contains(secret), "protected value '" + secret + "' in " + body);
        }
    }

    @Test
    void processedCrashIsPublicForAnonymousCallers() {
        for (String id : List.of(processedId, "bp-" + processedId, processedId.toUpperCase())) {
            String body = given().queryParam("crash_id", id).get("/api/ProcessedCrash")
                    .then().statusCode(200).contentType("application/json")
                    .body("uuid", equalTo(processedId))
                    .body("signature", equalTo("api_test_frame | other"))
                    .body("json_dump.threads[0].frames[0].function", equalTo("api_test_frame"))
                    .body("collector_metadata.payload", equalTo("multipart"))
                    .body("$", not(hasKey("url")))
                    .extract().asString();
            assertNoSecrets(body);
        }
        assertNoSecrets(given().queryParam("crash_id", processedId).queryParam("datatype", "processed")
                .get("/api/ProcessedCrash").then().statusCode(200).extract().asString());
    }

    @Test
    void processedCrashErrors() {
        given().get("/api/ProcessedCrash").then().statusCode(400)
                .body("error", containsString("crash_id is required")).body("parameter", equalTo("crash_id"));
        given().queryParam("crash_id", "not-a-crash-id").get("/api/ProcessedCrash").then().statusCode(400)
                .body("error", containsString("not a crash id"));
        given().queryParam("crash_id", processedId.substring(0, 30) + "9999999").get("/api/ProcessedCrash")
                .then().statusCode(400);
        String unknown = CrashIds.create(LocalDate.now(), 0);
        given().queryParam("crash_id", unknown).get("/api/ProcessedCrash").then().statusCode(404)
                .body("state", equalTo("not_found")).body("crash_id", equalTo(unknown));
        given().queryParam("crash_id", pendingId).get("/api/ProcessedCrash").then().statusCode(404)
                .body("state", equalTo("pending")).body("error", containsString("not processed yet"));
        String forbidden = given().queryParam("crash_id", processedId).queryParam("datatype", "unredacted")
                .get("/api/ProcessedCrash").then().statusCode(401)
                .body("error", containsString("view_pii")).extract().asString();
        assertNoSecrets(forbidden);
        given().queryParam("crash_id", processedId).queryParam("datatype", "everything").get("/api/ProcessedCrash")
                .then().statusCode(400).body("parameter", equalTo("datatype"));
    }

    @Test
    void rawCrashMetaIsPublicForAnonymousCallers() {
        for (String query : List.of("", "meta")) {
            var request = given().queryParam("crash_id", "bp-" + processedId);
            if (!query.isEmpty()) request = request.queryParam("format", query);
            String body = request.get("/api/RawCrash").then().statusCode(200).contentType("application/json")
                    .body("ProductName", equalTo("ApiTest"))
                    .body("Version", equalTo("2.0"))
                    .body("BuildID", equalTo("20240101000000"))
                    .body("uuid", equalTo(processedId))
                    .body("metadata.payload", equalTo("multipart"))
                    .body("$", not(hasKey("URL")))
                    .body("$", not(hasKey("AppSecret")))
                    .extract().asString();
            assertNoSecrets(body);
        }
    }

    @Test
    void rawCrashErrorsAndDumpsNeedAPermission() {
        given().get("/api/RawCrash").then().statusCode(400).body("parameter", equalTo("crash_id"));
        given().queryParam("crash_id", "bp-nonsense").get("/api/RawCrash").then().statusCode(400);
        given().queryParam("crash_id", CrashIds.create(LocalDate.now(), 0)).get("/api/RawCrash").then().statusCode(404)
                .body("state", equalTo("not_found"));
        given().queryParam("crash_id", processedId).queryParam("format", "zip").get("/api/RawCrash").then()
                .statusCode(400).body("parameter", equalTo("format"));
        given().queryParam("crash_id", processedId).queryParam("format", "raw").queryParam("name", "../raw_crash")
                .get("/api/RawCrash").then().statusCode(400).body("parameter", equalTo("name"));
        for (String name : List.of("", "upload_file_minidump")) {
            var request = given().queryParam("crash_id", processedId).queryParam("format", "raw");
            if (!name.isEmpty()) request = request.queryParam("name", name);
            byte[] body = request.get("/api/RawCrash").then().statusCode(401).contentType("application/json")
                    .body("error", containsString("view_rawdump")).body("permission_needed", equalTo("view_rawdump"))
                    .extract().asByteArray();
            assertFalse(new String(body).contains("MDMP"), "no dump bytes in the refusal");
        }
    }

    @Test
    void permittedCallersGetEverything() throws Exception {
        String piiOnly = TestAccounts.token(Permission.VIEW_PII);
        String full = given().header("Auth-Token", piiOnly).queryParam("crash_id", processedId)
                .queryParam("datatype", "unredacted").get("/api/ProcessedCrash").then().statusCode(200).extract().asString();
        assertTrue(full.contains(URL) && full.contains(EMAIL) && full.contains(REGISTER), full);
        assertTrue(given().header("Auth-Token", piiOnly).queryParam("crash_id", processedId).get("/api/ProcessedCrash")
                .then().statusCode(200).extract().asString().contains(COMMENTS),
                "a permitted caller sees protected fields by default too");

        assertTrue(given().header("Auth-Token", piiOnly).queryParam("crash_id", processedId).get("/api/RawCrash")
                .then().statusCode(200).extract().asString().contains(APP_SECRET));
        given().header("Auth-Token", piiOnly).queryParam("crash_id", processedId).queryParam("format", "raw")
                .get("/api/RawCrash").then().statusCode(403).body("permission_needed", equalTo("view_rawdump"));

        String dumps = TestAccounts.token(Permission.VIEW_RAWDUMP);
        var dump = given().header("Auth-Token", dumps).queryParam("crash_id", processedId).queryParam("format", "raw")
                .get("/api/RawCrash").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"" + processedId + ".dmp\""))
                .extract().asByteArray();
        assertArrayEquals(DUMP, dump);
        given().header("Auth-Token", dumps).queryParam("crash_id", processedId).queryParam("format", "raw")
                .queryParam("name", "upload_file_other").get("/api/RawCrash").then().statusCode(404);
        given().header("Auth-Token", dumps).queryParam("crash_id", CrashIds.create(LocalDate.now(), 0))
                .queryParam("format", "raw").get("/api/RawCrash").then().statusCode(404);
        assertFalse(given().header("Auth-Token", dumps).queryParam("crash_id", processedId).get("/api/RawCrash")
                .then().statusCode(200).extract().asString().contains(APP_SECRET),
                "view_rawdump alone does not grant protected annotations");
    }
}
