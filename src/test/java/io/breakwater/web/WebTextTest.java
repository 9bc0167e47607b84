package io.breakwater.web;

import io.breakwater.search.FieldRegistry;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages' plain helpers: display text, query strings, form rows, graph layout. */
class WebTextTest {

    @Test
    void controlAndFormattingCharactersBecomeVisible() {
        assertEquals("a\u2400b\u241bc\u2421d", Text.printable("a\u0000b\u001bc\u007fd"));
        assertEquals("keep\ttabs\nand lines", Text.printable("keep\ttabs\nand lines"));
        assertEquals("rlo\\u202eevil zw\\u200bj", Text.printable("rlo\u202eevil zw\u200bj"));
        assertEquals("lone \\ud800 surrogate", Text.printable("lone \ud800 surrogate"));
        assertEquals("emoji \ud83d\ude00 stays", Text.printable("emoji \ud83d\ude00 stays"));
        assertEquals("", Text.of(null));
        assertEquals("a, b\u2400", Text.of(List.of("a", "b\u0000")));
    }

    @Test
    void longValuesAreCutWithTheirLength() {
        String cut = Text.bounded("x".repeat(10_000));
        assertTrue(cut.startsWith("x".repeat(Text.MAX_INLINE) + "…"), cut.substring(0, 20));
        assertTrue(cut.endsWith("[10000 characters in all]"), cut);
        // Never splits a surrogate pair.
        String pairs = "\ud83d\ude00".repeat(Text.MAX_INLINE);
        String cutPairs = Text.truncate(pairs, Text.MAX_INLINE + 1);
        assertTrue(Character.isLowSurrogate(cutPairs.charAt(cutPairs.indexOf('…') - 1)));
    }

    @Test
    void datesAndDurations() {
        assertEquals("2026-11-24 19:56:59 UTC", Text.date("2026-11-24T19:56:59.398466+00:00"));
        assertEquals("2026-11-24 19:56:59 UTC", Text.date(1795550219L));
        assertEquals("not a date", Text.date("not a date"));
        assertEquals("2 d 3 h", Text.duration(2 * 86400 + 3 * 3600 + 5));
        assertEquals("1 min 5 s", Text.duration("65"));
        assertEquals("12.50 %", Text.percent(1, 8));
        assertEquals("0.00 %", Text.percent(0, 0));
    }

    @Test
    void queryStringsKeepOrderAndEncodeEverything() {
        Query q = Query.parse("signature=%7Efoo&_facets=a&_facets=b&x=%zz&empty");
        assertEquals(List.of("~foo"), q.get("signature"));
        assertEquals(List.of("a", "b"), q.get("_facets"));
        assertEquals(List.of("%zz"), q.get("x"));
        assertEquals(List.of(""), q.get("empty"));
        assertEquals("/p?a=%3Cscript%3E+%26&b=%3D1", new Query().add("a", "<script> &").add("b", "=1").url("/p"));
        assertEquals("/p", new Query().url("/p"));
    }

    @Test
    void formRowsBecomeSuperSearchParameters() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("_form", List.of("1"));
        form.put("f", List.of("signature", "version", "startup_crash", "", "reason"));
        form.put("o", List.of("!~", "=", "__true__", "~", "~"));
        form.put("v", List.of("foo", "1.0", "ignored", "orphan", ""));
        form.put("_columns", List.of("uuid", "reason"));
        form.put("_sort", List.of("date"));
        form.put("_sort_dir", List.of("desc"));
        Query q = SearchPage.fromForm(new Query(form));
        assertEquals("signature=%21%7Efoo&version=%3D1.0&startup_crash=__true__&_columns=uuid&_columns=reason&_sort=-date",
                q.encoded());
        assertEquals("_results_number=50", SearchPage.fromForm(new Query()).encoded());
    }

    @Test
    void operatorsAreReadBackAsTheSearchReadsThem() {
        FieldRegistry registry = FieldRegistry.loadDefault();
        assertArrayEquals(new String[] {"!~", "foo"}, SearchPage.splitOperator(registry.get("signature"), "!~foo"));
        assertArrayEquals(new String[] {">=", "5"}, SearchPage.splitOperator(registry.get("uptime"), ">=5"));
        assertArrayEquals(new String[] {"", "plain"}, SearchPage.splitOperator(registry.get("signature"), "plain"));
        // "~" is not an operator of enum fields: it stays part of the value.
        assertArrayEquals(new String[] {"", "~x"}, SearchPage.splitOperator(registry.get("product"), "~x"));
        assertArrayEquals(new String[] {"!__null__", ""}, SearchPage.splitOperator(registry.get("signature"), "!__null__"));
    }

    @Test
    void graphHasEveryDayAndGroupsRareVersions() {
        LocalDate first = LocalDate.of(2026, 11, 1);
        Map<LocalDate, Map<String, Long>> byDay = new LinkedHashMap<>();
        Map<String, Long> day2 = new LinkedHashMap<>();
        for (int v = 0; v < 8; v++) {
            day2.put("1." + v, (long) (10 - v));
        }
        byDay.put(first.plusDays(2), day2);
        byDay.put(first.plusDays(4), Map.of("1.0", 3L));
        Views.Graph graph = GraphBuilder.build(first, first.plusDays(6), byDay);
        assertEquals(7, graph.table().size(), "every day of the window, with or without crashes");
        assertEquals(GraphBuilder.MAX_SERIES, graph.series().size());
        assertEquals("other", graph.series().get(GraphBuilder.MAX_SERIES - 1).name());
        assertEquals(13, graph.series().get(0).total(), "1.0 over both days");
        assertEquals(5 + 4 + 3, graph.series().get(GraphBuilder.MAX_SERIES - 1).total(), "1.5, 1.6, 1.7 as other");
        assertEquals(0L, graph.table().get(0).total());
        assertEquals(52L, graph.table().get(2).total());
        assertEquals(7, graph.series().get(0).points().split(" ").length);
        assertTrue(GraphBuilder.build(first, first, Map.of()).empty());
        assertEquals(20, GraphBuilder.niceCeiling(13));
        assertEquals(4, GraphBuilder.niceCeiling(0));
    }

    @Test
    void countedNounsAgreeWithTheirNumber() {
        assertEquals("1 crash report", Plurals.plural(1, "crash report"));
        assertEquals("0 crash reports", Plurals.plural(0L, "crash report"));
        assertEquals("2,048 crash reports", Plurals.plural(2048L, "crash report"));
        assertEquals("1 day", Plurals.plural(1, "day"));
        assertEquals("7 days", Plurals.plural(7, "day"));
        assertEquals("3 crashes", Plurals.plural(3, "crash"));
        assertEquals("2 installations", Plurals.plural(2, "installation"));
        assertEquals("4 entries", Plurals.plural(4, "entry"));
    }

    @Test
    void hexOffsetsLoseTheirLeadingZeros() {
        assertEquals("0x401a2c", Text.compactHex("0x0000000000401A2C"));
        assertEquals("0x0", Text.compactHex("0x0000000000000000"));
        assertEquals("0x10", Text.compactHex("0x10"));
        assertEquals("0x00zz", Text.compactHex("0x00zz"), "not hex: left alone");
        assertEquals("module.so", Text.compactHex("module.so"));
        assertEquals("", Text.compactHex(null));
    }

    @Test
    void histogramColumnsKeepBucketOrderAndScale() {
        Views.ColumnChart chart = ColumnChartBuilder.build(List.of(
                new ColumnChartBuilder.Point("2026-01-01", 2), new ColumnChartBuilder.Point("2026-01-02", 8),
                new ColumnChartBuilder.Point("2026-01-03", 0)));
        assertEquals(3, chart.bars().size());
        assertEquals("2026-01-01: 2", chart.bars().get(0).title());
        assertTrue(chart.bars().get(0).x() < chart.bars().get(1).x(), "left to right in bucket order");
        assertTrue(chart.bars().get(1).height() > 3.9 * chart.bars().get(0).height(), "8 is four times 2");
        assertEquals(0.0, chart.bars().get(2).height());
        assertEquals(chart.baseline(), chart.bars().get(1).y() + chart.bars().get(1).height(), 0.2, "bars stand on the axis");
        assertEquals(null, ColumnChartBuilder.build(List.of()));
    }

    @Test
    void facetBarsAreScaledToTheLargestRow() {
        Views.FacetRow big = new Views.FacetRow(1, "a", null, 40, "80 %");
        Views.FacetRow small = new Views.FacetRow(2, "b", null, 10, "20 %");
        Views.FacetRow none = new Views.FacetRow(3, "c", null, 0, "0 %");
        Views.FacetTab tab = new Views.FacetTab("x", "facet-x", 50, List.of(big, small, none), 0);
        assertEquals(Views.FacetTab.BAR_WIDTH, tab.bar(big));
        assertEquals(Views.FacetTab.BAR_WIDTH / 4, tab.bar(small));
        assertEquals(0, tab.bar(none));
    }
}
