package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

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

/** {@code /}: products and versions that crashed lately; {@code /home/product/<product>}: one product. */
@Path("/")
@Produces("text/html")
public class HomePage {

    @Inject
    AccessPolicy access;

    private Viewer viewer() {
        return new Viewer(access.caller());
    }

    static final int DEFAULT_DAYS = 7;
    static final int MAX_PRODUCTS = 50;
    static final int MAX_VERSIONS = 30;

    @Inject
    WebSearch search;

    Clock clock = Clock.systemUTC();

    @GET
    public Response home(@QueryParam("days") String daysParam) {
        return Pages.guard(() -> {
            int days = Windows.days(daysParam, DEFAULT_DAYS, Windows.HOME_DAYS);
            Instant end = Instant.now(clock);
            Query q = new Query();
            Windows.window(q, end, days);
            q.add("_results_number", 0).add("_facets_size", MAX_PRODUCTS).add("_aggs.product.version", "_histogram.date");
            SearchResult result = search.search(q, viewer());
            List<Views.ProductRow> products = new ArrayList<>();
            for (SearchResult.Bucket p : result.buckets("product")) {
                String product = p.termText();
                List<Views.VersionRow> versions = new ArrayList<>();
                for (SearchResult.Bucket v : p.sub("version")) {
                    if (versions.size() >= 10) {
                        break;
                    }
                    versions.add(new Views.VersionRow(v.termText(), v.count(), Text.percent(v.count(), p.count()),
                            Links.topCrashers(product, v.termText(), null, DEFAULT_DAYS), null, List.of()));
                }
                products.add(new Views.ProductRow(product, p.count(), Links.product(product),
                        Links.topCrashers(product, null, null, DEFAULT_DAYS), versions,
                        trend(p.sub("version"), end, days)));
            }
            return Pages.ok(Pages.home(new Views.Home(days,
                    Windows.dayLinks(Windows.HOME_DAYS, days, d -> "/?days=" + d), products)));
        });
    }

    @GET
    @Path("home/product/{product}")
    public Response product(@PathParam("product") String product, @QueryParam("days") String daysParam) {
        return Pages.guard(() -> {
            int days = Windows.days(daysParam, DEFAULT_DAYS, Windows.HOME_DAYS);
            Instant end = Instant.now(clock);
            Query q = new Query().add("product", "=" + product);
            Windows.window(q, end, days);
            q.add("_results_number", 0).add("_facets_size", MAX_VERSIONS)
                    .add("_aggs.version", "process_type").add("_aggs.version", "_histogram.date");
            SearchResult result = search.search(q, viewer());
            List<Views.VersionRow> versions = new ArrayList<>();
            for (SearchResult.Bucket v : result.buckets("version")) {
                String version = v.termText();
                List<Views.Link> types = new ArrayList<>();
                for (SearchResult.Bucket t : v.sub("process_type")) {
                    types.add(new Views.Link(t.termText() + " (" + t.count() + ")",
                            Links.topCrashers(product, version, t.termText(), DEFAULT_DAYS)));
                }
                Query s = new Query().add("product", "=" + product).add("version", "=" + version);
                versions.add(new Views.VersionRow(version, v.count(), Text.percent(v.count(), result.total()),
                        Links.topCrashers(product, version, null, DEFAULT_DAYS), s.url("/search/"), types));
            }
            String printable = Text.printable(product);
            return Pages.ok(Pages.product(new Views.Product(printable, days,
                    Windows.dayLinks(Windows.HOME_DAYS, days, d -> Links.product(product) + "?days=" + d),
                    result.total(), Links.topCrashers(product, null, null, DEFAULT_DAYS), versions,
                    trend(result.buckets("version"), end, days))));
        });
    }

    /** Crashes per day by version, from version buckets that each carry a {@code histogram_date}. */
    static Views.Graph trend(List<SearchResult.Bucket> versions, Instant end, int days) {
        Map<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        for (SearchResult.Bucket v : versions) {
            for (SearchResult.Bucket day : v.sub("histogram_date")) {
                LocalDate d = Days.parse(day.term());
                if (d != null && day.count() > 0) {
                    byDay.computeIfAbsent(d, k -> new LinkedHashMap<>()).merge(v.termText(), day.count(), Long::sum);
                }
            }
        }
        return GraphBuilder.build(LocalDate.ofInstant(end.minus(days, ChronoUnit.DAYS), ZoneOffset.UTC),
                LocalDate.ofInstant(end, ZoneOffset.UTC), byDay);
    }
}
