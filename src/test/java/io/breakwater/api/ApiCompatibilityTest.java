package io.breakwater.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.access.Permission;
import io.breakwater.jobs.SignatureFirstSeen;
import io.breakwater.jobs.SignatureFirstSeenStore;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.search.CrashIndexer;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The API as Socorro's own tools call it (crashstats-tools: supersearch, supersearchfacet, fetch-data,
 * reprocess — trailing slashes, Auth-Token, their parameters), and the Socorro endpoints scripts still use.
 */
@QuarkusTest
class ApiCompatibilityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PRODUCT = "Compat" + UUID.randomUUID().toString().substring(0, 8);
    private static final byte[] DUMP = "MDMP compat".getBytes();
    private static String oldId;
    private static String newId;
    private static String newSignature;

    @Inject
    CrashIndexer indexer;

    @Inject
    CrashIndexManager indexes;

    @Inject
    CrashStorage storage;

    @Inject
    SignatureFirstSeenStore firstSeen;

    @BeforeEach
    void load() throws Exception {
        if (oldId != null) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        newSignature = "brand_new_" + PRODUCT;
        oldId = crash(now.minus(2, ChronoUnit.DAYS), "old_frame_" + PRODUCT, "1.0", "Linux");
        newId = crash(now.minus(1, ChronoUnit.HOURS), newSignature, "2.0", "Windows NT");
        firstSeen.record(List.of(new SignatureFirstSeen("old_frame_" + PRODUCT, now.minus(400, ChronoUnit.DAYS), null),
                new SignatureFirstSeen(newSignature, now.minus(1, ChronoUnit.HOURS), null)));
        indexes.refresh();
    }

    private String crash(Instant date, String signature, String version, String platform) throws Exception {
        String id = CrashIds.create(LocalDate.ofInstant(date, ZoneOffset.UTC), 0);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("ProductName", PRODUCT);
        raw.put("Version", version);
        raw.put("uuid", id);
        Path dump = Files.createTempFile("compat", ".dmp");
        Files.write(dump, DUMP);
        storage.saveCrash(id, raw, Map.of("upload_file_minidump", dump));
        Files.delete(dump);
        ObjectNode p = MAPPER.createObjectNode();
        p.put("uuid", id);
        p.put("submitted_timestamp", date.toString());
        p.put("signature", signature);
        p.put("product", PRODUCT);
        p.put("version", version);
        p.put("os_name", platform);
        p.put("url", "https://compat.example/private");
        storage.saveProcessedCrash(id, p.toString().getBytes());
        assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(p));
        return id;
    }

    @Test
    void supersearchAndSupersearchfacetAsTheToolsSendThem() {
        given().queryParam("product", PRODUCT).queryParam("_columns", "uuid").queryParam("_results_offset", 0)
                .queryParam("_results_number", 1000).get("/api/SuperSearch/")
                .then().statusCode(200).body("total", equalTo(2)).body("hits.uuid", hasItem(newId));
        given().queryParam("product", PRODUCT).queryParam("_facets", "version").queryParam("_results_number", 0)
                .get("/api/SuperSearch/").then().statusCode(200).body("facets.version.term", hasItem("2.0"));
        given().queryParam("product", PRODUCT).queryParam("_no_such_control", "x").get("/api/SuperSearch/")
                .then().statusCode(400).body("error", containsString("Unknown parameter"));
    }

    @Test
    void fetchDataAsTheToolSendsIt() throws Exception {
        given().queryParam("crash_id", newId).queryParam("format", "meta").get("/api/RawCrash/")
                .then().statusCode(200).body("ProductName", equalTo(PRODUCT));
        // fetch-data asks for the processed crash with format=meta too.
        given().queryParam("crash_id", newId).queryParam("format", "meta").get("/api/ProcessedCrash/")
                .then().statusCode(200).body("signature", equalTo(newSignature)).body("$", not(org.hamcrest.Matchers.hasKey("url")));
        String dumps = TestAccounts.token(Permission.VIEW_RAWDUMP);
        byte[] dump = given().header("Auth-Token", dumps).queryParam("crash_id", newId).queryParam("format", "raw")
                .queryParam("name", "upload_file_minidump").get("/api/RawCrash/").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(DUMP, dump);
    }

    @Test
    void reprocessAsTheToolSendsIt() {
        String token = TestAccounts.token(Permission.REPROCESS_CRASHES);
        given().header("Auth-Token", token).formParam("crash_ids", newId).formParam("crash_ids", oldId + ":regenerate_signature")
                .post("/api/Reprocessing/").then().statusCode(200).body("crash_ids", hasItem(newId));
    }

    @Test
    void unredactedCrashNeedsViewPii() {
        given().queryParam("crash_id", newId).get("/api/UnredactedCrash/").then().statusCode(401);
        given().header("Auth-Token", TestAccounts.token(Permission.VIEW_PII)).queryParam("crash_id", newId)
                .get("/api/UnredactedCrash").then().statusCode(200).body("url", equalTo("https://compat.example/private"));
    }

    @Test
    void productVersionsAndPlatforms() {
        given().queryParam("product", PRODUCT).get("/api/ProductVersions/").then().statusCode(200)
                .body("total", equalTo(2)).body("hits.version", hasItem("1.0")).body("hits.product", hasItem(PRODUCT));
        given().queryParam("days", 0).get("/api/ProductVersions").then().statusCode(400).body("parameter", equalTo("days"));
        given().get("/api/Platforms/").then().statusCode(200).body("hits.name", hasItem("Windows NT"))
                .body("hits.find { it.name == 'Windows NT' }.short_name", equalTo("win"))
                .body("hits.find { it.name == 'Linux' }.short_name", equalTo("lin"));
    }

    @Test
    void newSignaturesAreTheOnesFirstSeenInTheRange() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String weekAgo = LocalDate.now(ZoneOffset.UTC).minusDays(7).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        given().queryParam("start_date", weekAgo).queryParam("end_date", tomorrow).queryParam("product", PRODUCT)
                .get("/api/NewSignatures/").then().statusCode(200).body("hits", equalTo(List.of(newSignature)));
        given().queryParam("start_date", tomorrow).queryParam("end_date", today).get("/api/NewSignatures")
                .then().statusCode(400);
        given().queryParam("start_date", "yesterday").get("/api/NewSignatures").then().statusCode(400)
                .body("parameter", equalTo("start_date"));
    }
}
