package io.breakwater.search;

import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static io.breakwater.search.SuperSearchParserTest.NOW;
import static io.breakwater.search.SuperSearchParserTest.params;
import static org.junit.jupiter.api.Assertions.*;

class SuperSearchQueryBuilderTest {

    private final FieldRegistry registry = FieldRegistry.loadDefault();
    private final SuperSearchParser parser = new SuperSearchParser(registry, Clock.fixed(NOW, ZoneOffset.UTC));
    private final SuperSearchQueryBuilder builder = new SuperSearchQueryBuilder(new CrashIndexNames("bw"));

    private JsonNode body(String... kv) throws Exception {
        SearchRequest request = builder.build(parser.parse(params(kv), SearchAccess.PUBLIC_ONLY));
        return new ObjectMapper().readTree(JsonpUtils.toJsonString(request, new JacksonJsonpMapper()));
    }

    private JsonNode fieldFilter(JsonNode body, int i) {
        return body.at("/query/bool/filter").get(i);
    }

    @Test
    void weeklyIndicesOfTheDateWindow() {
        SuperSearchRequest r = parser.parse(params("date", ">=2026-11-01", "date", "<2026-11-10"), SearchAccess.PUBLIC_ONLY);
        assertEquals(List.of("bw-202643", "bw-202644", "bw-202645"), builder.indices(r));
        assertEquals(List.of("bw-202646", "bw-202647"),
                builder.indices(parser.parse(params(), SearchAccess.PUBLIC_ONLY)));
    }

    @Test
    void valuesOfOneFieldAreOredRangesAndNegationsAnded() throws Exception {
        JsonNode b = body("product", "Foo", "product", "Bar", "uptime", ">10", "uptime", "<=20",
                "platform", "!Linux", "platform", "!=Windows NT");
        JsonNode product = fieldFilter(b, 0);
        assertEquals(1, product.at("/bool/minimum_should_match").asInt());
        assertEquals("Foo", product.at("/bool/should/0/term/product/value").asText());
        assertTrue(product.at("/bool/should/0/term/product/case_insensitive").asBoolean());
        assertEquals("Bar", product.at("/bool/should/1/term/product/value").asText());
        JsonNode uptime = fieldFilter(b, 1);
        assertEquals(10, uptime.at("/bool/filter/0/range/uptime/gt").asInt());
        assertEquals(20, uptime.at("/bool/filter/1/range/uptime/lte").asInt());
        assertTrue(uptime.at("/bool/should").isMissingNode() || uptime.at("/bool/should").isEmpty());
        JsonNode platform = fieldFilter(b, 2);
        assertEquals("Linux", platform.at("/bool/must_not/0/term/platform/value").asText());
        assertEquals("Windows NT", platform.at("/bool/must_not/1/term/platform/value").asText());
        assertTrue(platform.at("/bool/must_not/1/term/platform/case_insensitive").isMissingNode());
        // the date window is the last filter
        JsonNode date = fieldFilter(b, 3);
        assertEquals("2026-11-24T12:00:00Z", date.at("/bool/filter/0/range/date/lte").asText());
        assertEquals("2026-11-17T12:00:00Z", date.at("/bool/filter/1/range/date/gte").asText());
    }

    @Test
    void operatorsMapToCoreQueries() throws Exception {
        JsonNode b = body("signature", "foo bar");
        assertEquals("foo bar", fieldFilter(b, 0).at("/match/signature/query").asText());
        assertEquals("and", fieldFilter(b, 0).at("/match/signature/operator").asText());
        assertEquals("A | B", fieldFilter(body("signature", "=A | B"), 0).at("/term/signature.full/value").asText());
        JsonNode contains = fieldFilter(body("signature", "~a*b?"), 0).at("/wildcard/signature.full");
        assertEquals("*a\\*b\\?*", contains.get("value").asText());
        assertTrue(contains.get("case_insensitive").asBoolean());
        assertEquals("*end", fieldFilter(body("signature", "$end"), 0).at("/wildcard/signature.full/value").asText());
        assertEquals("start", fieldFilter(body("signature", "^start"), 0).at("/prefix/signature.full/value").asText());
        assertEquals("ma.*n", fieldFilter(body("signature", "@ma.*n"), 0).at("/regexp/signature.full/value").asText());
        assertEquals("reason", fieldFilter(body("reason", "__null__"), 0).at("/bool/must_not/0/exists/field").asText());
        assertTrue(fieldFilter(body("startup_crash", "__true__"), 0).at("/term/startup_crash/value").asBoolean());
        assertEquals(3, fieldFilter(body("crashing_thread", "3"), 0).at("/term/crashing_thread/value").asInt());
        JsonNode negatedNull = fieldFilter(body("reason", "!__null__"), 0);
        assertEquals("reason", negatedNull.at("/bool/must_not/0/bool/must_not/0/exists/field").asText());
    }

    @Test
    void columnsSortAndPaging() throws Exception {
        JsonNode b = body("_columns", "signature", "_columns", "uptime", "_sort", "-signature",
                "_results_number", "5", "_results_offset", "15");
        assertEquals(List.of("signature", "uptime"), List.of(b.at("/_source/includes/0").asText(),
                b.at("/_source/includes/1").asText()));
        assertEquals("desc", b.at("/sort/0/signature.full/order").asText());
        assertEquals("uuid", b.at("/sort/1").fieldNames().next());
        assertEquals(5, b.get("size").asInt());
        assertEquals(15, b.get("from").asInt());
        assertTrue(b.get("track_total_hits").asBoolean());
        assertEquals("desc", body().at("/sort/0/date/order").asText());
    }

    @Test
    void aggregations() throws Exception {
        JsonNode aggs = body("_facets", "platform", "_facets", "signature", "_facets_size", "3",
                "_aggs.product.version", "platform", "_aggs.product.version", "_cardinality.install_id",
                "_histogram.date", "product", "_histogram.uptime", "", "_histogram_interval.uptime", "60",
                "_cardinality.build_id", "x").get("aggregations");
        assertEquals("platform", aggs.at("/platform/terms/field").asText());
        assertEquals(3, aggs.at("/platform/terms/size").asInt());
        assertEquals("signature.full", aggs.at("/signature/terms/field").asText());
        assertEquals("product", aggs.at("/product/terms/field").asText());
        assertEquals("version", aggs.at("/product/aggregations/version/terms/field").asText());
        assertEquals("platform", aggs.at("/product/aggregations/version/aggregations/platform/terms/field").asText());
        assertEquals("install_id",
                aggs.at("/product/aggregations/version/aggregations/cardinality_install_id/cardinality/field").asText());
        assertEquals("day", aggs.at("/histogram_date/date_histogram/calendar_interval").asText());
        assertEquals("product", aggs.at("/histogram_date/aggregations/product/terms/field").asText());
        assertEquals(60, aggs.at("/histogram_uptime/histogram/interval").asInt());
        assertEquals("build_id", aggs.at("/cardinality_build_id/cardinality/field").asText());
        // _facets_size=0: no facets at all
        assertNull(body("_facets_size", "0").get("aggregations"));
    }
}
