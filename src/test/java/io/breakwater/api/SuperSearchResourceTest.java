package io.breakwater.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.search.CrashIndexer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every Super Search operator, control and error against crashes indexed in the real Elasticsearch. */
@QuarkusTest
class SuperSearchResourceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Every query is limited to this product, so other tests' crashes in the same index do not count. */
    private static final String PRODUCT = "SuperSearchTest" + UUID.randomUUID().toString().substring(0, 8);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final List<String> IDS = new ArrayList<>();
    private static boolean loaded;

    @Inject
    CrashIndexer indexer;
    @Inject
    CrashIndexManager manager;

    private static String crashId(Instant date) {
        String uuid = UUID.randomUUID().toString();
        return uuid.substring(0, uuid.length() - 7) + "0"
                + DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC).format(date);
    }

    private void crash(Instant date, String signature, String version, String platform, long uptime,
                       Boolean startup, String reason, String installId, String url) {
        String id = crashId(date);
        ObjectNode p = MAPPER.createObjectNode();
        p.put("uuid", id);
        p.put("submitted_timestamp", date.toString());
        p.put("signature", signature);
        p.put("product", PRODUCT);
        p.put("version", version);
        p.put("os_name", platform);
        p.put("uptime", uptime);
        if (startup != null) {
            p.put("startup_crash", startup);
        }
        if (reason != null) {
            p.put("reason", reason);
        }
        if (url != null) {
            p.put("url", url);
            p.put("user_comments", "it crashed on " + url);
        }
        p.putObject("raw_crash").put("InstallID", installId);
        assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(p));
        IDS.add(id);
    }

    @BeforeEach
    void load() {
        if (loaded) {
            return;
        }
        crash(NOW.minus(1, ChronoUnit.HOURS), "OOM | small", "1.0", "Linux", 10, true, "SIGSEGV /SEGV_MAPERR", "i1",
                "https://secret.example/a");
        crash(NOW.minus(1, ChronoUnit.DAYS), "mozilla::Foo | bar::Baz<int>", "1.0", "Windows NT", 100, false,
                "EXCEPTION_ACCESS_VIOLATION_READ", "i2", null);
        crash(NOW.minus(2, ChronoUnit.DAYS), "libc.so.6@0x1234", "2.0", "Linux", 1000, null, null, "i1", null);
        crash(NOW.minus(3, ChronoUnit.DAYS), "OOM | large", "2.0", "Mac OS X", 5000, null, null, "i3", null);
        crash(NOW.minus(10, ChronoUnit.DAYS), "old crash", "1.0", "Linux", 7, null, null, "i4", null);
        manager.refresh();
        loaded = true;
    }

    private static RequestSpecification q() {
        return given().queryParam("product", PRODUCT);
    }

    private static ValidatableResponse ok(RequestSpecification spec) {
        return spec.when().get("/api/SuperSearch").then().statusCode(200).contentType("application/json");
    }

    private static int total(RequestSpecification spec) {
        return ok(spec).extract().path("total");
    }

    private static List<String> signatures(RequestSpecification spec) {
        return ok(spec.queryParam("_columns", "signature").queryParam("_sort", "signature")).extract().path("hits.signature");
    }

    @Test
    void defaultsSearchTheLastSevenDays() {
        ok(q()).body("total", is(4))
                .body("hits", hasSize(4))
                .body("hits[0].keySet()", containsInAnyOrder("uuid", "date", "signature", "product", "version"))
                // newest first by default
                .body("hits[0].signature", is("OOM | small"))
                .body("facets.signature", hasSize(4))
                .body("errors", empty());
        assertEquals(5, total(q().queryParam("date", ">=" + NOW.minus(12, ChronoUnit.DAYS))));
        assertEquals(1, total(q().queryParam("date", "<" + NOW.minus(9, ChronoUnit.DAYS))));
        assertEquals(2, total(q().queryParam("date", ">" + NOW.minus(36, ChronoUnit.HOURS))
                .queryParam("date", "<=" + NOW)));
    }

    @Test
    void stringOperators() {
        assertEquals(List.of("OOM | large", "OOM | small"), signatures(q().queryParam("signature", "oom")));
        assertEquals(List.of("OOM | small"), signatures(q().queryParam("signature", "=OOM | small")));
        assertEquals(0, total(q().queryParam("signature", "=oom | small")));
        assertEquals(List.of("mozilla::Foo | bar::Baz<int>"), signatures(q().queryParam("signature", "~baz<INT")));
        assertEquals(List.of("OOM | large", "OOM | small"), signatures(q().queryParam("signature", "^oom |")));
        assertEquals(List.of("OOM | large"), signatures(q().queryParam("signature", "$large")));
        assertEquals(List.of("OOM | large", "OOM | small"), signatures(q().queryParam("signature", "@OOM.*")));
        assertEquals(0, total(q().queryParam("signature", "@oom.*")));
        // a literal '*' in a contains search is not a wildcard
        assertEquals(0, total(q().queryParam("signature", "~O*M")));
        assertEquals(List.of("libc.so.6@0x1234", "mozilla::Foo | bar::Baz<int>"),
                signatures(q().queryParam("signature", "!~oom")));
        assertEquals(List.of("OOM | large", "mozilla::Foo | bar::Baz<int>"),
                signatures(q().queryParam("signature", "!^libc", "!=OOM | small")));
        // values of one field are OR-ed
        assertEquals(List.of("OOM | small", "libc.so.6@0x1234"), signatures(q().queryParam("signature", "=OOM | small", "^libc")));
    }

    @Test
    void numberBoolAndNullOperators() {
        assertEquals(2, total(q().queryParam("uptime", ">=100", "<5000")));
        assertEquals(1, total(q().queryParam("uptime", ">100", "<=1000")));
        assertEquals(1, total(q().queryParam("uptime", "100")));
        assertEquals(1, total(q().queryParam("uptime", "=1000")));
        assertEquals(0, total(q().queryParam("uptime", "<100", ">=5000")), "ranges are AND-ed: nothing is both");
        assertEquals(3, total(q().queryParam("uptime", "!100")));
        assertEquals(1, total(q().queryParam("startup_crash", "__true__")));
        assertEquals(3, total(q().queryParam("startup_crash", "!__true__")));
        assertEquals(1, total(q().queryParam("startup_crash", "false")));
        assertEquals(2, total(q().queryParam("reason", "__null__")));
        assertEquals(2, total(q().queryParam("reason", "!__null__")));
        assertEquals(1, total(q().queryParam("reason", "sigsegv")));
    }

    @Test
    void differentFieldsAreAndedValuesOred() {
        assertEquals(3, total(q().queryParam("platform", "Linux", "Mac OS X")));
        assertEquals(3, total(q().queryParam("platform", "linux", "mac os x")), "has-terms on enums ignores case");
        assertEquals(1, total(q().queryParam("platform", "Linux").queryParam("version", "2.0")));
        assertEquals(0, total(q().queryParam("platform", "Windows NT").queryParam("version", "2.0")));
    }

    @Test
    void columnsSortPaging() {
        ok(q().queryParam("_columns", "signature", "uptime").queryParam("_sort", "-uptime"))
                .body("hits.uptime", contains(5000, 1000, 100, 10))
                .body("hits[0].keySet()", containsInAnyOrder("signature", "uptime"));
        ok(q().queryParam("_columns", "uptime").queryParam("_sort", "uptime")
                .queryParam("_results_number", "2").queryParam("_results_offset", "1"))
                .body("total", is(4))
                .body("hits.uptime", contains(100, 1000));
        ok(q().queryParam("_results_number", "0")).body("total", is(4)).body("hits", empty());
        ok(q().queryParam("_columns", "platform", "startup_crash").queryParam("_sort", "platform", "-uptime"))
                .body("hits.platform", contains("Linux", "Linux", "Mac OS X", "Windows NT"))
                .body("hits[0].keySet()", containsInAnyOrder("platform", "startup_crash"))
                // Linux by descending uptime: 1000 (no startup flag), then 10 (startup crash)
                .body("hits.startup_crash", contains(null, true, null, false));
    }

    @Test
    void facetsAggregationsHistogramsCardinality() {
        ok(q().queryParam("_facets", "platform", "_cardinality.install_id"))
                .body("facets.platform.term", contains("Linux", "Mac OS X", "Windows NT"))
                .body("facets.platform.count", contains(2, 1, 1))
                .body("facets.cardinality_install_id.value", is(3))
                .body("facets.signature", nullValue());
        ok(q().queryParam("_facets", "platform").queryParam("_facets_size", "1"))
                .body("facets.platform", hasSize(1));
        ok(q().queryParam("_facets_size", "0")).body("facets", anEmptyMap());
        ok(q().queryParam("_facets", "startup_crash", "uptime"))
                .body("facets.startup_crash.term", containsInAnyOrder(true, false))
                .body("facets.uptime.term", containsInAnyOrder(10, 100, 1000, 5000));

        ValidatableResponse nested = ok(q().queryParam("_aggs.version.platform", "_cardinality.install_id", "startup_crash"));
        nested.body("facets.version.term", contains("1.0", "2.0"))
                .body("facets.version[0].facets.platform.term", containsInAnyOrder("Linux", "Windows NT"))
                .body("facets.version[1].facets.platform.find { it.term == 'Linux' }.facets.cardinality_install_id.value", is(1));

        ok(q().queryParam("_aggs.signature", "platform"))
                .body("facets.signature", hasSize(4))
                .body("facets.signature.find { it.term == 'OOM | small' }.facets.platform[0].term", is("Linux"));

        List<Map<String, Object>> days = ok(q().queryParam("_histogram.date", "platform")).extract().path("facets.histogram_date");
        assertEquals(4, days.stream().mapToInt(d -> (Integer) d.get("count")).sum());
        assertTrue(days.size() >= 4 && days.size() <= 5, "one bucket per day: " + days.size());
        assertTrue(days.stream().allMatch(d -> d.get("term").toString().matches("\\d{4}-\\d{2}-\\d{2}T.*")));

        ok(q().queryParam("_histogram.uptime", "").queryParam("_histogram_interval.uptime", "1000"))
                .body("facets.histogram_uptime.term", contains(0, 1000, 5000))
                .body("facets.histogram_uptime.count", contains(2, 1, 1));
        ok(q().queryParam("_histogram.date", "").queryParam("_histogram_interval.date", "week"))
                .body("facets.histogram_date.count.sum()", is(4));
        ok(q().queryParam("_cardinality.version", "")).body("facets.cardinality_version.value", is(2));
    }

    @Test
    void errorsArePrecise() {
        given().queryParam("nope", "1").when().get("/api/SuperSearch").then().statusCode(400)
                .body("error", is("Unknown field \"nope\"")).body("parameter", is("nope"));
        given().queryParam("uptime", "~1").when().get("/api/SuperSearch").then().statusCode(400)
                .body("error", containsString("is not an integer"));
        given().queryParam("_results_number", "5000").when().get("/api/SuperSearch").then().statusCode(400)
                .body("error", containsString("between 0 and 1000"));
        given().queryParam("date", "yesterday").when().get("/api/SuperSearch").then().statusCode(400)
                .body("parameter", is("date"));
        given().queryParam("_sort", "json_dump").when().get("/api/SuperSearch").then().statusCode(400);
        given().queryParam("_whatever", "1").when().get("/api/SuperSearch").then().statusCode(400)
                .body("error", containsString("Unknown parameter"));
        // a regex Elasticsearch cannot parse is the caller's error too
        q().queryParam("signature", "@[unclosed").when().get("/api/SuperSearch").then().statusCode(400)
                .body("error", containsString("Elasticsearch refused the search"));
    }

    @Test
    void protectedFieldsAreRefusedToAnonymousCallers() {
        for (String[] kv : List.of(new String[] {"url", "~secret"}, new String[] {"_columns", "url"},
                new String[] {"_columns", "user_comments"}, new String[] {"_facets", "url"},
                new String[] {"_sort", "email"}, new String[] {"install_id", "i1"}, new String[] {"_aggs.install_id", "platform"})) {
            for (String endpoint : List.of("/api/SuperSearch", "/api/SuperSearchUnredacted")) {
                q().queryParam(kv[0], kv[1]).when().get(endpoint).then().statusCode(403)
                        .body("error", containsString("is protected"));
            }
        }
        // default columns and facets never contain protected values
        String body = ok(q().queryParam("_columns", "uuid", "signature", "reason")).extract().asString();
        assertFalse(body.contains("secret.example"), body);
        // the unredacted endpoint still answers public searches
        q().when().get("/api/SuperSearchUnredacted").then().statusCode(200).body("total", is(4));
    }

    @Test
    void returnQueryShowsTheElasticsearchRequest() {
        ok(q().queryParam("_return_query", "true"))
                .body("query.query.bool.filter", hasSize(2))
                .body("indices", hasSize(greaterThanOrEqualTo(2)))
                .body("indices[0]", startsWith("breakwater-crashes-"));
    }

    @Test
    void superSearchFieldsDescribesTheRegistry() {
        given().when().get("/api/SuperSearchFields").then().statusCode(200)
                .body("signature.query_type", is("string"))
                .body("signature.has_full_version", is(true))
                .body("signature.operators", hasItems("", "=", "~", "^", "$", "@", "__null__"))
                .body("uptime.operators", hasItems(">", ">=", "<", "<="))
                .body("uptime.histogram", is(true))
                .body("url.protected", is(true))
                .body("url.permissions_needed", contains("view_pii"))
                .body("product.protected", is(false))
                .body("product.source", hasItem("raw_crash.ProductName"))
                .body("product.namespace", is("processed_crash"))
                .body("date.storage_mapping.type", is("date"))
                .body("keySet()", hasItems("uuid", "date", "signature", "user_comments", "install_id"));
    }
}
