package io.breakwater.search;

import io.breakwater.search.SuperSearchRequest.Condition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SuperSearchParserTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final FieldRegistry registry = FieldRegistry.loadDefault();
    private final SuperSearchParser parser = new SuperSearchParser(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    private SuperSearchRequest parse(String... kv) {
        return parser.parse(params(kv), SearchAccess.PUBLIC_ONLY);
    }

    private SuperSearchException error(SearchAccess access, String... kv) {
        return assertThrows(SuperSearchException.class, () -> parser.parse(params(kv), access));
    }

    private SuperSearchException error(String... kv) {
        return error(SearchAccess.PUBLIC_ONLY, kv);
    }

    private List<Condition> conditions(SuperSearchRequest r, String field) {
        return r.filters().stream().filter(f -> f.field().name().equals(field)).findFirst().orElseThrow().conditions();
    }

    @Test
    void defaults() {
        SuperSearchRequest r = parse();
        assertEquals(NOW.minusSeconds(7 * 86400), r.dateFrom());
        assertEquals(NOW, r.dateTo());
        assertEquals(List.of("uuid", "date", "signature", "product", "version"),
                r.columns().stream().map(FieldDefinition::name).toList());
        assertEquals(100, r.resultsNumber());
        assertEquals(0, r.resultsOffset());
        assertEquals(50, r.facetsSize());
        assertEquals(List.of("signature"), r.facets().stream().map(SuperSearchRequest.Agg::responseName).toList());
        // the default window is applied as date conditions
        assertEquals(2, conditions(r, "date").size());
    }

    @Test
    void operatorsArePrefixesAndOnlyThoseOfTheFieldCount() {
        SuperSearchRequest r = parse("signature", "~foo", "signature", "!^bar", "signature", "=exact",
                "signature", "$end", "signature", "@re.*x", "signature", "plain", "signature", "__null__",
                "signature", ">not-a-range", "uptime", ">=10", "uptime", "<100", "startup_crash", "__true__",
                "startup_crash", "false", "platform", "!__null__");
        List<Condition> sig = conditions(r, "signature");
        assertEquals(new Condition(Operator.CONTAINS, false, "foo"), sig.get(0));
        assertEquals(new Condition(Operator.STARTS_WITH, true, "bar"), sig.get(1));
        assertEquals(new Condition(Operator.IS_EXACTLY, false, "exact"), sig.get(2));
        assertEquals(new Condition(Operator.ENDS_WITH, false, "end"), sig.get(3));
        assertEquals(new Condition(Operator.REGEX, false, "re.*x"), sig.get(4));
        assertEquals(new Condition(Operator.HAS_TERMS, false, "plain"), sig.get(5));
        assertEquals(new Condition(Operator.IS_NULL, false, null), sig.get(6));
        // '>' is not a string operator: the value is taken literally
        assertEquals(new Condition(Operator.HAS_TERMS, false, ">not-a-range"), sig.get(7));
        assertEquals(List.of(new Condition(Operator.GREATER_OR_EQUAL, false, 10L),
                new Condition(Operator.LOWER, false, 100L)), conditions(r, "uptime"));
        assertEquals(List.of(new Condition(Operator.IS_TRUE, false, null),
                new Condition(Operator.HAS_TERMS, false, false)), conditions(r, "startup_crash"));
        assertEquals(List.of(new Condition(Operator.IS_NULL, true, null)), conditions(r, "platform"));
    }

    @Test
    void dateBounds() {
        SuperSearchRequest r = parse("date", ">=2026-11-01", "date", "<2026-11-10T06:00:00Z", "date", ">2026-10-01");
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), r.dateFrom());
        assertEquals(Instant.parse("2026-11-10T06:00:00Z"), r.dateTo());
        r = parse("date", "<2026-11-10");
        assertEquals(Instant.parse("2026-11-03T00:00:00Z"), r.dateFrom());
        assertTrue(error("date", "2026-11-01").getMessage().contains("needs an operator"));
        assertTrue(error("date", ">2027-01-01", "date", "<2026-01-01").getMessage().contains("empty"));
        assertTrue(error("date", ">2024-01-01").getMessage().contains("longer than 365 days"));
        assertTrue(error("date", ">yesterday").getMessage().contains("not a date"));
        assertTrue(error("date", "!>2026-11-01").getMessage().contains("date takes only"));
    }

    @Test
    void badValuesAreReportedPrecisely() {
        SuperSearchException e = error("nope", "x");
        assertEquals(400, e.status());
        assertEquals("Unknown field \"nope\"", e.getMessage());
        assertEquals("nope", e.parameter());
        assertTrue(error("uptime", "~5").getMessage().contains("\"~5\" is not an integer"));
        assertTrue(error("uptime", "abc").getMessage().contains("is not an integer"));
        assertTrue(error("startup_crash", "maybe").getMessage().contains("not a boolean"));
        assertTrue(error("signature", "__null__x").getMessage().contains("takes no value"));
        assertTrue(error("signature", "~").getMessage().contains("Missing value"));
        assertTrue(error("signature", "x".repeat(1001)).getMessage().contains("longer than"));
        assertTrue(error("_results_number", "1001").getMessage().contains("between 0 and 1000"));
        assertTrue(error("_results_number", "ten").getMessage().contains("not an integer"));
        assertTrue(error("_results_offset", "9950").getMessage().contains("cannot exceed 10000"));
        assertTrue(error("_facets_size", "-1").getMessage().contains("between"));
        assertTrue(error("_columns", "json_dump").getMessage().contains("Unknown field \"json_dump\" in _columns"));
        assertTrue(error("_sort", "-nope").getMessage().contains("Unknown field \"nope\""));
        assertTrue(error("_bogus", "1").getMessage().contains("Unknown parameter \"_bogus\""));
        assertTrue(error("_aggs.a.b.c.d", "x").getMessage().contains("At most 3"));
        assertTrue(error("_histogram.signature", "product").getMessage().contains("only date and number"));
        assertTrue(error("_histogram.date", "product", "_histogram_interval.date", "fortnight").getMessage()
                .contains("Bad value for _histogram_interval.date"));
        assertTrue(error("_histogram.date", "product", "_histogram_interval.date", "1s").getMessage()
                .contains("buckets"));
        assertTrue(error("_histogram.uptime", "", "_histogram_interval.uptime", "0").getMessage()
                .contains("positive number"));
        assertTrue(error("_histogram_interval.uptime", "10").getMessage().contains("without a histogram"));
        assertTrue(error("_facets", "_cardinality.nope").getMessage().contains("Unknown field \"nope\""));
    }

    @Test
    void protectedFieldsNeedPermissionEverywhere() {
        for (String[] kv : List.of(new String[] {"url", "~example"}, new String[] {"_columns", "url"},
                new String[] {"_sort", "-user_comments"}, new String[] {"_facets", "email"},
                new String[] {"_aggs.signature", "url"}, new String[] {"_aggs.url", "product"},
                new String[] {"install_id", "abc"})) {
            SuperSearchException e = error(kv);
            assertEquals(403, e.status(), String.join("=", kv));
            assertTrue(e.getMessage().contains("is protected"), e.getMessage());
        }
        // counting distinct protected values is allowed
        SuperSearchRequest r = parse("_facets", "_cardinality.install_id", "_cardinality.install_id", "");
        assertEquals("cardinality_install_id", r.facets().get(0).responseName());
        assertEquals("install_id", r.cardinalities().get(0).name());
        // with permission everything is usable
        r = parser.parse(params("url", "~example", "_columns", "url", "_facets", "user_comments"),
                SearchAccess.PROTECTED_ALLOWED);
        assertEquals("url", r.columns().get(0).name());
    }

    @Test
    void controls() {
        SuperSearchRequest r = parse("_columns", "signature", "_columns", "uptime", "_columns", "signature",
                "_sort", "-uptime", "_sort", "product", "_results_number", "5", "_results_offset", "10",
                "_facets", "platform", "_facets", "_cardinality.install_id", "_facets", "_histogram.uptime",
                "_facets_size", "7", "_aggs.product.version", "platform", "_aggs.product.version", "_cardinality.build_id",
                "_histogram.date", "product", "_histogram_interval.date", "week", "_histogram_interval.uptime", "60");
        assertEquals(List.of("signature", "uptime"), r.columns().stream().map(FieldDefinition::name).toList());
        assertEquals("uptime", r.sort().get(0).field().name());
        assertTrue(r.sort().get(0).descending());
        assertFalse(r.sort().get(1).descending());
        assertEquals(5, r.resultsNumber());
        assertEquals(10, r.resultsOffset());
        assertEquals(7, r.facetsSize());
        assertEquals(List.of("platform", "cardinality_install_id", "histogram_uptime"),
                r.facets().stream().map(SuperSearchRequest.Agg::responseName).toList());
        assertEquals(List.of("product", "version"),
                r.nestedAggs().get(0).path().stream().map(FieldDefinition::name).toList());
        assertEquals(List.of("platform", "cardinality_build_id"),
                r.nestedAggs().get(0).inner().stream().map(SuperSearchRequest.Agg::responseName).toList());
        assertEquals("date", r.histograms().get(0).field().name());
        assertEquals(Map.of("date", "1w", "uptime", "60"), r.histogramIntervals());
        // an explicitly empty _facets disables the default signature facet
        assertTrue(parse("_facets", "").facets().isEmpty());
    }
}
