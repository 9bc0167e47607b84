package io.breakwater.web;

import io.breakwater.search.FieldDefinition;
import io.breakwater.search.Operator;
import io.breakwater.search.QueryType;
import io.breakwater.search.SuperSearchException;
import io.breakwater.search.SuperSearchParser;
import io.breakwater.storage.CrashIds;
import io.breakwater.access.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /search/}: Super Search as a page. Its URL uses the API's own grammar ({@code signature=~foo&_facets=
 * platform}), so a page and its {@code /api/SuperSearch} twin differ only in the path. The form sends rows
 * of field / operator / value ({@code _form=1&f=…&o=…&v=…}), which are turned into that grammar and
 * redirected to. {@code /search/quick?query=} jumps to a crash report or searches signatures.
 */
@Path("/search")
@Produces("text/html")
public class SearchPage {

    @Inject
    AccessPolicy access;

    private Viewer viewer() {
        return new Viewer(access.caller());
    }

    static final int DEFAULT_RESULTS = 50;
    static final List<Integer> NUMBER_CHOICES = List.of(10, 25, 50, 100, 200);
    static final int EMPTY_ROWS = 3;
    /** Facet names Super Search gives histograms ({@code _histogram.date} → {@code histogram_date}). */
    static final String HISTOGRAM_PREFIX = "histogram_";

    /** Operators offered in the rows; negations are written with a leading {@code !}. */
    static final List<String[]> OPERATORS = List.of(
            new String[] {"", "has terms"}, new String[] {"=", "is exactly"}, new String[] {"~", "contains"},
            new String[] {"^", "starts with"}, new String[] {"$", "ends with"}, new String[] {"@", "matches regex"},
            new String[] {">", ">"}, new String[] {">=", ">="}, new String[] {"<", "<"}, new String[] {"<=", "<="},
            new String[] {"__null__", "does not exist"}, new String[] {"__true__", "is true"},
            new String[] {"!", "does not have terms"}, new String[] {"!=", "is not"},
            new String[] {"!~", "does not contain"}, new String[] {"!^", "does not start with"},
            new String[] {"!$", "does not end with"}, new String[] {"!@", "does not match regex"},
            new String[] {"!__null__", "exists"}, new String[] {"!__true__", "is not true"});

    @Inject
    WebSearch search;

    @GET
    public Response page(@Context UriInfo uri) {
        return Pages.guard(() -> {
            Viewer viewer = viewer();
            Query params = Query.parse(uri.getRequestUri().getRawQuery());
            if (params.first("_form") != null) {
                return Response.seeOther(URI.create(fromForm(params).url("/search/"))).build();
            }
            return render(params, viewer);
        });
    }

    @GET
    @Path("/quick")
    public Response quick(@QueryParam("query") String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return Response.seeOther(URI.create("/search/")).build();
        }
        Optional<String> crashId = CrashIds.normalize(q);
        if (crashId.isPresent()) {
            return Response.seeOther(URI.create(Links.report(crashId.get()))).build();
        }
        if (q.length() > SuperSearchParser.MAX_VALUE_LENGTH - 1) {
            q = q.substring(0, SuperSearchParser.MAX_VALUE_LENGTH - 1);
        }
        return Response.seeOther(URI.create(new Query().add("signature", "~" + q).url("/search/"))).build();
    }

    /** The form's rows and controls as Super Search parameters. */
    static Query fromForm(Query form) {
        Query q = new Query();
        List<String> fields = form.get("f");
        List<String> ops = form.get("o");
        List<String> values = form.get("v");
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i).strip();
            String op = i < ops.size() ? ops.get(i) : "";
            String value = i < values.size() ? values.get(i) : "";
            if (field.isEmpty()) {
                continue;
            }
            boolean valueless = op.endsWith("__null__") || op.endsWith("__true__");
            if (valueless) {
                q.add(field, op);
            } else if (!value.isEmpty()) {
                q.add(field, op + value);
            }
        }
        for (String key : List.of("_columns", "_facets")) {
            q.addAll(key, form.get(key));
        }
        String histogram = form.first("_histogram");
        if (histogram != null && !histogram.isBlank()) {
            q.add("_histogram." + histogram.strip(), "");
        }
        String sort = form.first("_sort");
        if (sort != null && !sort.isBlank()) {
            q.add("_sort", ("desc".equals(form.first("_sort_dir")) ? "-" : "") + sort.strip());
        }
        String number = form.first("_results_number");
        if (number != null && !number.isBlank()) {
            q.add("_results_number", number.strip());
        }
        if (q.asMap().isEmpty()) {
            // An empty form still means "search": everything of the default window.
            q.add("_results_number", DEFAULT_RESULTS);
        }
        return q;
    }

    private Response render(Query params, Viewer viewer) {
        List<FieldDefinition> fields = search.fields(viewer);
        boolean ran = !params.asMap().isEmpty();
        List<Views.SearchRow> rows = rows(params);
        List<String> columnNames = params.get("_columns").isEmpty() ? SuperSearchParser.DEFAULT_COLUMNS : params.get("_columns");
        List<String> facetNames = params.get("_facets").isEmpty() ? List.of("signature") : params.get("_facets");
        String sortValue = params.first("_sort");
        boolean desc = sortValue != null && sortValue.startsWith("-");
        String sortField = sortValue == null ? "" : desc ? sortValue.substring(1) : sortValue;

        Query query = params.copy();
        if (query.first("_results_number") == null) {
            query.add("_results_number", DEFAULT_RESULTS);
        }
        String error = null;
        int status = 200;
        Views.ReportList results = null;
        List<Views.FacetTab> facets = List.of();
        if (ran) {
            try {
                int number = ReportLists.number(query.first("_results_number"), DEFAULT_RESULTS, SuperSearchParser.MAX_RESULTS);
                int offset = ReportLists.offset(query.first("_results_offset"));
                SearchResult result = search.search(query, viewer);
                List<FieldDefinition> columns = new ArrayList<>();
                for (String name : columnNames) {
                    search.registry().find(name).filter(viewer.access()::mayUse).ifPresent(columns::add);
                }
                results = ReportLists.build(columns, result, params, offset, number, pq -> pq.url("/search/"));
                facets = facetTabs(result, params);
            } catch (SuperSearchException e) {
                error = e.getMessage();
                status = e.status();
            } catch (Windows.BadPageParameter e) {
                error = e.getMessage();
                status = 400;
            }
        }

        List<Views.Choice> fieldChoices = fields.stream()
                .map(f -> new Views.Choice(f.name(), f.name() + " (" + f.queryType().jsonName() + ")", false)).toList();
        List<Views.Choice> operators = OPERATORS.stream().map(o -> new Views.Choice(o[0], o[1], false)).toList();
        List<Views.Choice> columnChoices = fields.stream()
                .map(f -> new Views.Choice(f.name(), f.name(), columnNames.contains(f.name()))).toList();
        List<Views.Choice> facetChoices = fields.stream()
                .map(f -> new Views.Choice(f.name(), f.name(), facetNames.contains(f.name()))).toList();
        String histogramField = params.asMap().keySet().stream().filter(k -> k.startsWith("_histogram."))
                .map(k -> k.substring("_histogram.".length())).findFirst().orElse("");
        List<Views.Choice> histogramChoices = new ArrayList<>();
        histogramChoices.add(new Views.Choice("", "(none)", histogramField.isEmpty()));
        fields.stream().filter(f -> f.queryType().isHistogrammable()).forEach(f ->
                histogramChoices.add(new Views.Choice(f.name(), f.name(), f.name().equals(histogramField))));
        List<Views.Choice> sortChoices = new ArrayList<>();
        sortChoices.add(new Views.Choice("", "(relevance)", sortField.isEmpty()));
        fields.forEach(f -> sortChoices.add(new Views.Choice(f.name(), f.name(), f.name().equals(sortField))));
        int number = parseOr(query.first("_results_number"), DEFAULT_RESULTS);
        List<Views.Choice> numbers = new ArrayList<>();
        List<Integer> numberValues = new ArrayList<>(NUMBER_CHOICES);
        if (!numberValues.contains(number)) {
            numberValues.add(number);
            numberValues.sort(Comparator.naturalOrder());
        }
        numberValues.forEach(n -> numbers.add(new Views.Choice(n.toString(), n.toString(), n == number)));

        Views.Search view = new Views.Search(rows, fieldChoices, operators, columnChoices, facetChoices, sortChoices,
                desc, numbers, histogramChoices, ran, error == null ? null : Text.printable(error), results, facets,
                params.url("/api/SuperSearch"), params.url("/search/"));
        return Pages.page(status, Pages.search(view));
    }

    /** The field conditions of the query as form rows, then empty rows to add more without script. */
    List<Views.SearchRow> rows(Query params) {
        List<Views.SearchRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : params.asMap().entrySet()) {
            if (e.getKey().startsWith("_")) {
                continue;
            }
            Optional<FieldDefinition> field = search.registry().find(e.getKey());
            for (String raw : e.getValue()) {
                String[] split = splitOperator(field.orElse(null), raw);
                rows.add(new Views.SearchRow(rows.size(), e.getKey(), split[0], split[1]));
            }
        }
        if (rows.isEmpty()) {
            rows.add(new Views.SearchRow(0, "signature", "~", ""));
            rows.add(new Views.SearchRow(1, "product", "", ""));
        }
        for (int i = 0; i < EMPTY_ROWS; i++) {
            rows.add(new Views.SearchRow(rows.size(), "", "", ""));
        }
        return rows;
    }

    /** Splits {@code !~foo} into {@code !~} and {@code foo}, reading operators as the search does. */
    static String[] splitOperator(FieldDefinition field, String raw) {
        String value = raw;
        String prefix = "";
        if (value.startsWith(Operator.NOT)) {
            prefix = Operator.NOT;
            value = value.substring(1);
        }
        List<Operator> byLength = new ArrayList<>(List.of(Operator.values()));
        byLength.sort(Comparator.comparingInt((Operator o) -> o.token().length()).reversed());
        for (Operator op : byLength) {
            if (!op.token().isEmpty() && (field == null || field.allows(op)) && value.startsWith(op.token())) {
                return new String[] {prefix + op.token(), value.substring(op.token().length())};
            }
        }
        return new String[] {prefix, value};
    }

    private List<Views.FacetTab> facetTabs(SearchResult result, Query params) {
        List<Views.FacetTab> tabs = new ArrayList<>();
        for (Map.Entry<String, Object> e : result.facets().entrySet()) {
            String name = e.getKey();
            if (!(e.getValue() instanceof List<?>)) {
                continue;
            }
            tabs.add(name.startsWith(HISTOGRAM_PREFIX) ? histogramTab(result, name) : facetTab(result, name, params));
        }
        return tabs;
    }

    private Views.FacetTab facetTab(SearchResult result, String name, Query params) {
        List<Views.FacetRow> rows = new ArrayList<>();
        long shown = 0;
        int rank = 0;
        boolean exact = search.registry().find(name).map(f -> f.allows(Operator.IS_EXACTLY)).orElse(false);
        for (SearchResult.Bucket b : result.buckets(name)) {
            String term = String.valueOf(b.term());
            String href = name.equals("signature") ? Links.signature(term)
                    : params.copy().remove("_results_offset").add(name, (exact ? "=" : "") + term).url("/search/");
            rows.add(new Views.FacetRow(++rank, Text.bounded(b.term()), href, b.count(),
                    Text.percent(b.count(), result.total())));
            shown += b.count();
        }
        return new Views.FacetTab(name, "facet-" + name, result.total(), rows, Math.max(0, result.total() - shown));
    }

    /** A histogram in bucket order: a column chart above the same buckets as a table (no links: a bucket is a range). */
    private Views.FacetTab histogramTab(SearchResult result, String name) {
        String field = name.substring(HISTOGRAM_PREFIX.length());
        boolean dates = search.registry().find(field)
                .map(f -> f.queryType() == QueryType.DATE).orElse(false);
        List<Views.FacetRow> rows = new ArrayList<>();
        List<ColumnChartBuilder.Point> points = new ArrayList<>();
        long shown = 0;
        for (SearchResult.Bucket b : result.buckets(name)) {
            LocalDate day = dates ? Days.parse(b.term()) : null;
            String label = day != null ? day.toString() : Text.bounded(b.term());
            rows.add(new Views.FacetRow(rows.size() + 1, label, null, b.count(), Text.percent(b.count(), result.total())));
            points.add(new ColumnChartBuilder.Point(label, b.count()));
            shown += b.count();
        }
        return new Views.FacetTab(field + " histogram", "facet-" + name, result.total(), rows,
                Math.max(0, result.total() - shown), ColumnChartBuilder.build(points));
    }

    private static int parseOr(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
