package io.breakwater.web;

import io.breakwater.search.FieldDefinition;
import io.breakwater.access.AccessPolicy;
import io.breakwater.triage.SignatureStatusStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /signature/?signature=}: one signature over the last days: summary aggregations, crashes per day
 * split by version (server-side SVG), and the reports with configurable columns. All from one search.
 */
@Path("/signature/")
@Produces("text/html")
public class SignaturePage {

    @Inject
    AccessPolicy access;

    private Viewer viewer() {
        return new Viewer(access.caller());
    }

    static final int DEFAULT_DAYS = 7;
    static final int PAGE_SIZE = 50;
    static final List<String> DEFAULT_COLUMNS = List.of("uuid", "date", "product", "version", "build_id",
            "platform", "cpu_arch", "process_type", "reason");
    static final List<String> SUMMARY_FACETS = List.of("platform", "process_type", "cpu_arch", "release_channel");
    /** Uptime ranges (seconds) as Crash Stats shows them. */
    static final long[] UPTIME_BOUNDS = {60, 5 * 60, 15 * 60, 60 * 60};
    static final String[] UPTIME_LABELS = {"< 1 min", "1–5 min", "5–15 min", "15–60 min", "> 1 h"};

    private static final Logger LOG = Logger.getLogger(SignaturePage.class);
    static final int HISTORY = 100;

    @Inject
    WebSearch search;

    @Inject
    SignatureStatusStore statuses;

    Clock clock = Clock.systemUTC();

    @GET
    public Response page(@Context UriInfo uri) {
        return Pages.guard(() -> {
            Viewer viewer = viewer();
            Query params = Query.parse(uri.getRequestUri().getRawQuery());
            String signature = params.first("signature");
            if (signature == null || signature.isEmpty()) {
                return Pages.error(400, "Bad request", "The signature page needs a signature parameter: "
                        + "/signature/?signature=…");
            }
            int days = Windows.boundedDays(params.first("days"), DEFAULT_DAYS);
            int offset = ReportLists.offset(params.first("_results_offset"));
            List<FieldDefinition> columns = columns(params.get("_columns"), viewer);
            List<String> sort = params.get("_sort").isEmpty() ? List.of("-date") : params.get("_sort");
            Instant end = Instant.now(clock);

            Query q = new Query().add("signature", "=" + signature);
            Windows.window(q, end, days);
            q.add("_results_number", PAGE_SIZE).add("_results_offset", offset).addAll("_sort", sort);
            columns.forEach(c -> q.add("_columns", c.name()));
            SUMMARY_FACETS.forEach(f -> q.add("_facets", f));
            q.add("_aggs.product.version", "_cardinality." + TopCrashersPage.INSTALL_FIELD);
            q.add("_histogram.date", "version");
            q.add("_histogram.uptime", "");
            q.add("_histogram_interval.uptime", 60);
            q.add("_cardinality." + TopCrashersPage.INSTALL_FIELD, "");
            q.add("_facets_size", 50);
            SearchResult result = search.search(q, viewer);
            long total = result.total();

            List<Views.FacetTab> summaries = new ArrayList<>();
            summaries.add(productVersions(result, total));
            summaries.add(facet("Operating system", "platform", result, total));
            summaries.add(facet("Process type", "process_type", result, total));
            summaries.add(facet("CPU architecture", "cpu_arch", result, total));
            summaries.add(facet("Release channel", "release_channel", result, total));
            summaries.add(uptimes(result, total));

            Map<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
            for (SearchResult.Bucket day : result.buckets("histogram_date")) {
                LocalDate d = Days.parse(day.term());
                if (d == null) {
                    continue;
                }
                Map<String, Long> versions = byDay.computeIfAbsent(d, k -> new LinkedHashMap<>());
                long known = 0;
                for (SearchResult.Bucket v : day.sub("version")) {
                    versions.merge(String.valueOf(v.term()), v.count(), Long::sum);
                    known += v.count();
                }
                if (day.count() > known) {
                    versions.merge("(no version)", day.count() - known, Long::sum);
                }
            }
            Views.Graph graph = GraphBuilder.build(LocalDate.ofInstant(end.minus(days, ChronoUnit.DAYS), ZoneOffset.UTC),
                    LocalDate.ofInstant(end, ZoneOffset.UTC), byDay);

            Query pageQuery = new Query().add("signature", signature).add("days", days);
            if (!params.get("_columns").isEmpty()) {
                columns.forEach(c -> pageQuery.add("_columns", c.name()));
            }
            pageQuery.addAll("_sort", params.get("_sort"));
            if (offset > 0) {
                pageQuery.add("_results_offset", offset);
            }
            Views.ReportList reports = ReportLists.build(columns, result, pageQuery, offset, PAGE_SIZE,
                    pq -> pq.url("/signature/") + "#reports");

            List<Views.Choice> choices = new ArrayList<>();
            for (FieldDefinition f : search.fields(viewer)) {
                choices.add(new Views.Choice(f.name(), f.name(), columns.contains(f)));
            }
            Query searchQuery = new Query().add("signature", "=" + signature);
            Windows.window(searchQuery, end, days);
            Query apiQuery = searchQuery.copy().add("_results_number", PAGE_SIZE).addAll("_sort", sort);
            columns.forEach(c -> apiQuery.add("_columns", c.name()));
            return Pages.ok(Pages.signature(new Views.Signature(Text.printable(signature), days,
                    Windows.dayLinks(List.of(1, 3, 7, 14, 28, 90), days,
                            d -> new Query().add("signature", signature).add("days", d).url("/signature/")),
                    total, result.cardinality(TopCrashersPage.INSTALL_FIELD), summaries, graph, reports, choices,
                    params.get("_sort"), searchQuery.url("/search/"), apiQuery.url("/api/SuperSearch"),
                    statusPanel(signature, viewer))));
        });
    }

    private Views.StatusPanel statusPanel(String signature, Viewer viewer) {
        try {
            return StatusPanels.panel(statuses.find(signature), statuses.history(signature, HISTORY), viewer);
        } catch (IllegalStateException e) {
            LOG.warnf("signature page without status: %s", e.getMessage());
            return StatusPanels.unavailable(signature);
        }
    }

    private List<FieldDefinition> columns(List<String> requested, Viewer viewer) {
        List<String> names = requested.isEmpty() ? DEFAULT_COLUMNS : requested;
        List<FieldDefinition> columns = new ArrayList<>();
        for (String name : names) {
            search.registry().find(name).filter(viewer.access()::mayUse).filter(f -> !columns.contains(f))
                    .ifPresent(columns::add);
        }
        if (columns.isEmpty()) {
            throw new Windows.BadPageParameter("none of the requested columns is a field you may see");
        }
        return columns;
    }

    private static Views.FacetTab facet(String title, String field, SearchResult result, long total) {
        List<Views.FacetRow> rows = new ArrayList<>();
        long shown = 0;
        int rank = 0;
        for (SearchResult.Bucket b : result.buckets(field)) {
            rows.add(new Views.FacetRow(++rank, b.termText(), null, b.count(), Text.percent(b.count(), total)));
            shown += b.count();
        }
        return new Views.FacetTab(title, "summary-" + field, total, rows, Math.max(0, total - shown));
    }

    private static Views.FacetTab productVersions(SearchResult result, long total) {
        List<Views.FacetRow> rows = new ArrayList<>();
        int rank = 0;
        long shown = 0;
        for (SearchResult.Bucket p : result.buckets("product")) {
            for (SearchResult.Bucket v : p.sub("version")) {
                long installs = v.cardinality(TopCrashersPage.INSTALL_FIELD);
                rows.add(new Views.FacetRow(++rank, p.termText() + " " + v.termText()
                        + (installs > 0 ? " (≈" + installs + " installations)" : ""), null, v.count(),
                        Text.percent(v.count(), total)));
                shown += v.count();
            }
        }
        return new Views.FacetTab("Product and version", "summary-product-version", total, rows,
                Math.max(0, total - shown));
    }

    private static Views.FacetTab uptimes(SearchResult result, long total) {
        long[] counts = new long[UPTIME_LABELS.length];
        long known = 0;
        for (SearchResult.Bucket b : result.buckets("histogram_uptime")) {
            if (!(b.term() instanceof Number n)) {
                continue;
            }
            long seconds = n.longValue();
            int i = 0;
            while (i < UPTIME_BOUNDS.length && seconds >= UPTIME_BOUNDS[i]) {
                i++;
            }
            counts[i] += b.count();
            known += b.count();
        }
        List<Views.FacetRow> rows = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            rows.add(new Views.FacetRow(i + 1, UPTIME_LABELS[i], null, counts[i], Text.percent(counts[i], total)));
        }
        return new Views.FacetTab("Uptime", "summary-uptime", total, rows, Math.max(0, total - known));
    }
}
