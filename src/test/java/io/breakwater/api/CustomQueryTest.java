package io.breakwater.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.access.AuditLog;
import io.breakwater.access.Permission;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.search.CrashIndexer;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/SuperSearchCustom}: raw search bodies for holders of run_custom_queries and view_pii. */
@QuarkusTest
class CustomQueryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    CrashIndexer indexer;

    @Inject
    CrashIndexManager indexes;

    @Inject
    DataSource dataSource;

    @Test
    void aRawQueryFindsCrashesAndIsAudited() {
        String product = "CustomQuery" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString().substring(0, 29) + "0"
                + DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC).format(now);
        ObjectNode p = MAPPER.createObjectNode();
        p.put("uuid", id);
        p.put("submitted_timestamp", now.toString());
        p.put("signature", "custom | query");
        p.put("product", product);
        p.put("url", "https://custom.example/private");
        assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(p));
        indexes.refresh();

        String body = "{\"query\": {\"term\": {\"product\": \"" + product + "\"}}, \"size\": 5,"
                + " \"aggs\": {\"signatures\": {\"terms\": {\"field\": \"signature.full\"}}}}";
        String token = TestAccounts.token(Permission.RUN_CUSTOM_QUERIES, Permission.VIEW_PII);
        given().header("Auth-Token", token).contentType(ContentType.JSON).body(body).post("/api/SuperSearchCustom")
                .then().statusCode(200)
                .body("hits.hits[0]._source.uuid", equalTo(id))
                .body("hits.hits[0]._source.url", equalTo("https://custom.example/private"))
                .body("aggregations.signatures.buckets[0].key", equalTo("custom | query"));
        assertTrue(new AuditLog(dataSource, () -> "").recent(50, 0, "data.custom_query").stream()
                .anyMatch(e -> e.details().contains(product)), "the query is in the audit trail");
    }

    @Test
    void itNeedsBothPermissionsAndOnlyASearchBody() {
        String body = "{\"query\": {\"match_all\": {}}}";
        given().contentType(ContentType.JSON).body(body).post("/api/SuperSearchCustom")
                .then().statusCode(401).body("permission_needed", equalTo("run_custom_queries"));
        given().header("Auth-Token", TestAccounts.token(Permission.VIEW_PII)).contentType(ContentType.JSON).body(body)
                .post("/api/SuperSearchCustom").then().statusCode(403).body("permission_needed", equalTo("run_custom_queries"));
        given().header("Auth-Token", TestAccounts.token(Permission.RUN_CUSTOM_QUERIES)).contentType(ContentType.JSON)
                .body(body).post("/api/SuperSearchCustom").then().statusCode(403).body("permission_needed", equalTo("view_pii"));

        String token = TestAccounts.token(Permission.RUN_CUSTOM_QUERIES, Permission.VIEW_PII);
        given().header("Auth-Token", token).contentType(ContentType.JSON)
                .body("{\"query\": {\"script\": {\"script\": {\"source\": \"true\"}}}}").post("/api/SuperSearchCustom")
                .then().statusCode(400).body("error", containsString("no scripts"));
        given().header("Auth-Token", token).contentType(ContentType.JSON).body("{\"index\": \"other\"}")
                .post("/api/SuperSearchCustom").then().statusCode(400).body("parameter", equalTo("index"));
        given().header("Auth-Token", token).contentType(ContentType.JSON).body("{\"size\": 100000}")
                .post("/api/SuperSearchCustom").then().statusCode(400).body("parameter", equalTo("size"));
        given().header("Auth-Token", token).contentType(ContentType.JSON).body("[1]")
                .post("/api/SuperSearchCustom").then().statusCode(400);
        given().header("Auth-Token", token).contentType(ContentType.JSON).body("{\"query\": {\"no_such_query\": {}}}")
                .post("/api/SuperSearchCustom").then().statusCode(400).body("error", containsString("Elasticsearch refused"));
    }
}
