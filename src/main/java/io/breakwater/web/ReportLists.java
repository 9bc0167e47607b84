package io.breakwater.web;

import io.breakwater.search.FieldDefinition;
import io.breakwater.search.QueryType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Tables of crash reports (search hits) with sortable headers and paging links. */
final class ReportLists {

    private ReportLists() {
    }

    /**
     * @param query the page's query (with {@code _sort}, {@code _results_offset}); links are made from copies
     * @param page  turns a query into a page URL
     */
    static Views.ReportList build(List<FieldDefinition> columns, SearchResult result, Query query, int offset,
                                  int number, Function<Query, String> page) {
        List<String> sort = query.get("_sort");
        List<Views.Column> header = new ArrayList<>();
        for (FieldDefinition f : columns) {
            boolean asc = sort.contains(f.name());
            boolean desc = sort.contains("-" + f.name());
            Query q = query.copy().remove("_results_offset").set("_sort", asc ? "-" + f.name() : f.name());
            header.add(new Views.Column(f.name(), page.apply(q), asc ? "▲" : desc ? "▼" : ""));
        }
        List<List<Views.Cell>> rows = new ArrayList<>();
        for (Map<String, Object> hit : result.hits()) {
            List<Views.Cell> row = new ArrayList<>();
            for (FieldDefinition f : columns) {
                row.add(cell(f, hit.get(f.name())));
            }
            rows.add(row);
        }
        long total = result.total();
        String range = total == 0 ? "No crash reports found."
                : rows.isEmpty() ? "No results on this page (" + total + " in all)."
                : "Results " + (offset + 1) + "–" + (offset + rows.size()) + " of " + total + ".";
        String prev = offset > 0 ? page.apply(query.copy().set("_results_offset", Math.max(0, offset - number))) : null;
        String next = offset + rows.size() < total && !rows.isEmpty()
                ? page.apply(query.copy().set("_results_offset", offset + number)) : null;
        return new Views.ReportList(header, rows, total, range, prev, next);
    }

    static Views.Cell cell(FieldDefinition f, Object value) {
        String name = f.name();
        if (value == null) {
            return new Views.Cell("", null, null);
        }
        if (name.equals("uuid")) {
            return new Views.Cell(Text.of(value), Links.report(String.valueOf(value)), "mono");
        }
        if (name.equals("signature")) {
            return new Views.Cell(Text.bounded(value), Links.signature(String.valueOf(value)), "signature");
        }
        if (f.queryType() == QueryType.DATE) {
            return new Views.Cell(Text.date(value), null, "nowrap");
        }
        return new Views.Cell(Text.bounded(value), null, null);
    }

    /** A page-size parameter within 1..max, or the fallback. */
    static int number(String text, int fallback, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Windows.BadPageParameter("the number of results must be a whole number from 1 to " + max);
    }

    static int offset(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Windows.BadPageParameter("the results offset must be a whole number, 0 or more");
    }
}
