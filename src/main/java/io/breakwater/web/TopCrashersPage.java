package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.triage.SignatureStatus;
import io.breakwater.triage.SignatureStatusStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /topcrashers/}: the most frequent signatures of a product (optionally a version and a process
 * type) over the last 1/3/7/14/28 days, with the rank change against the window of the same length just
 * before, the first date each signature was seen, installations (distinct install ids) and each signature's
 * workflow status; {@code hide_ignored=1} leaves out signatures marked ignored.
 */
@Path("/topcrashers/")
@Produces("text/html")
public class TopCrashersPage {

    static final int MAX_OS_COLUMNS = 5;

    @Inject
    AccessPolicy access;

    private Viewer viewer() {
        return new Viewer(access.caller());
    }

    static final int DEFAULT_DAYS = 7;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 300;
    /** How deep the previous window is ranked to find earlier ranks. */
    static final int PREVIOUS_DEPTH = 1000;
    /** How far back first-seen dates are looked for (the search bounds a query to 365 days). */
    static final int FIRST_SEEN_DAYS = 364;
    static final String INSTALL_FIELD = "install_id";

    private static final Logger LOG = Logger.getLogger(TopCrashersPage.class);

    @Inject
    WebSearch search;

    @Inject
    SignatureStatusStore statuses;

    Clock clock = Clock.systemUTC();

    @GET
    public Response page(@QueryParam("product") String product, @QueryParam("version") String version,
                         @QueryParam("process_type") String processType, @QueryParam("days") String daysParam,
                         @QueryParam("limit") String limitParam, @QueryParam("hide_ignored") String hideParam) {
        return Pages.guard(() -> {
            Viewer viewer = viewer();
            int days = Windows.days(daysParam, DEFAULT_DAYS, Windows.TOP_CRASHER_DAYS);
            int limit = limit(limitParam);
            Instant end = Instant.now(clock);
            String p = blankToNull(product);
            String v = blankToNull(version);
            String t = blankToNull(processType);
            boolean hide = hideIgnored(hideParam);
            if (p == null) {
                return Pages.ok(Pages.topcrashers(chooser(days, end, viewer)));
            }

            Query base = new Query().add("product", "=" + p);
            if (v != null) {
                base.add("version", "=" + v);
            }
            if (t != null) {
                base.add("process_type", "=" + t);
            }

            Query current = base.copy();
            Windows.window(current, end, days);
            // Hiding ignored signatures: rank deeper so the page still fills up to the limit.
            int depth = hide ? limit + Math.min(ignoredCount(), MAX_LIMIT) : limit;
            current.add("_results_number", 0).add("_facets_size", depth)
                    .add("_aggs.signature", "platform").add("_aggs.signature", "_cardinality." + INSTALL_FIELD)
                    .add("_facets", "version").add("_facets", "process_type").add("_facets", "platform");
            SearchResult now = search.search(current, viewer);
            // One column per operating system of the window, most crashes first (Socorro: Win, Mac, Lin).
            List<String> osColumns = now.buckets("platform").stream().limit(MAX_OS_COLUMNS)
                    .map(SearchResult.Bucket::termText).toList();

            Query previous = base.copy();
            Windows.window(previous, end.minus(days, ChronoUnit.DAYS), days);
            previous.add("_results_number", 0).add("_facets_size", PREVIOUS_DEPTH).add("_facets", "signature");
            Map<String, Integer> previousRanks = new HashMap<>();
            int r = 0;
            for (SearchResult.Bucket b : search.search(previous, viewer).buckets("signature")) {
                previousRanks.put(String.valueOf(b.term()), ++r);
            }

            List<SearchResult.Bucket> ranked = now.buckets("signature");
            Map<String, SignatureStatus> status = statuses(ranked);
            List<SearchResult.Bucket> signatures = new ArrayList<>();
            Map<String, Integer> ranks = new HashMap<>();
            int hidden = 0;
            for (int i = 0; i < ranked.size() && signatures.size() < limit; i++) {
                String signature = String.valueOf(ranked.get(i).term());
                SignatureStatus st = status.get(signature);
                if (hide && st != null && st.status() == SignatureStatus.Status.IGNORED) {
                    hidden++;
                    continue;
                }
                // Ranks stay those among all signatures, so they match the rank changes and other views.
                ranks.put(signature, i + 1);
                signatures.add(ranked.get(i));
            }
            Map<String, LocalDate> firstSeen = firstSeen(signatures, end, viewer);
            LocalDate windowStart = LocalDate.ofInstant(end.minus(days, ChronoUnit.DAYS), ZoneOffset.UTC);

            List<Views.TopRow> rows = new ArrayList<>();
            for (SearchResult.Bucket b : signatures) {
                String signature = String.valueOf(b.term());
                int rank = ranks.get(signature);
                Integer before = previousRanks.get(signature);
                String change;
                String changeClass;
                if (before == null) {
                    change = "new";
                    changeClass = "rank-new";
                } else if (before == rank) {
                    change = "0";
                    changeClass = "rank-same";
                } else {
                    int delta = before - rank;
                    change = (delta > 0 ? "+" : "") + delta;
                    changeClass = delta > 0 ? "rank-up" : "rank-down";
                }
                List<Views.OsCount> platforms = new ArrayList<>();
                Map<String, Long> byOs = new HashMap<>();
                for (SearchResult.Bucket os : b.sub("platform")) {
                    byOs.put(os.termText(), os.count());
                }
                for (String os : osColumns) {
                    long n = byOs.getOrDefault(os, 0L);
                    platforms.add(new Views.OsCount(os, n, n == 0 ? "" : Text.percent(n, b.count())));
                }
                LocalDate first = firstSeen.get(signature);
                SignatureStatus st = status.getOrDefault(signature, SignatureStatus.untriaged(signature));
                rows.add(new Views.TopRow(rank, change, changeClass, Text.printable(signature),
                        Links.signature(signature), b.count(), Text.percent(b.count(), now.total()), platforms,
                        first == null ? "" : first.toString(), first != null && !first.isBefore(windowStart),
                        b.cardinality(INSTALL_FIELD), Text.printable(st.summary()), StatusPanels.cssClass(st),
                        st.regression(), StatusPanels.regressionTitle(st)));
            }

            List<Views.Link> versionLinks = new ArrayList<>();
            versionLinks.add(new Views.Link("all versions", Links.topCrashers(p, null, t, days, hide), v == null));
            for (SearchResult.Bucket b : now.buckets("version")) {
                versionLinks.add(new Views.Link(b.termText(), Links.topCrashers(p, b.termText(), t, days, hide),
                        b.termText().equals(v)));
            }
            List<Views.Link> typeLinks = new ArrayList<>();
            typeLinks.add(new Views.Link("any", Links.topCrashers(p, v, null, days, hide), t == null));
            for (SearchResult.Bucket b : now.buckets("process_type")) {
                typeLinks.add(new Views.Link(b.termText(), Links.topCrashers(p, v, b.termText(), days, hide),
                        b.termText().equals(t)));
            }
            if (t != null && typeLinks.stream().noneMatch(Views.Link::current)) {
                typeLinks.add(new Views.Link(Text.printable(t), Links.topCrashers(p, v, t, days, hide), true));
            }
            String window = LocalDate.ofInstant(end.minus(days, ChronoUnit.DAYS), ZoneOffset.UTC) + " – "
                    + LocalDate.ofInstant(end, ZoneOffset.UTC) + " (previous window for rank changes: "
                    + LocalDate.ofInstant(end.minus(2L * days, ChronoUnit.DAYS), ZoneOffset.UTC) + " – "
                    + LocalDate.ofInstant(end.minus(days, ChronoUnit.DAYS), ZoneOffset.UTC) + ")";
            Query searchQuery = base.copy();
            Windows.window(searchQuery, end, days);
            return Pages.ok(Pages.topcrashers(new Views.TopCrashers(Text.printable(p), v == null ? null : Text.printable(v),
                    t == null ? null : Text.printable(t), days,
                    Windows.dayLinks(Windows.TOP_CRASHER_DAYS, days, d -> Links.topCrashers(p, v, t, d, hide)),
                    typeLinks, versionLinks, List.of(), now.total(), window, osColumns, rows, searchQuery.url("/search/"),
                    hide, new Views.Link(hide ? "Show ignored signatures" : "Hide ignored signatures",
                            Links.topCrashers(p, v, t, days, !hide)), hidden)));
        });
    }

    /** Without a product: the products of the window to choose from. */
    private Views.TopCrashers chooser(int days, Instant end, Viewer viewer) {
        Query q = new Query();
        Windows.window(q, end, days);
        q.add("_results_number", 0).add("_facets", "product").add("_facets_size", HomePage.MAX_PRODUCTS);
        List<Views.Link> products = new ArrayList<>();
        SearchResult result = search.search(q, viewer);
        for (SearchResult.Bucket b : result.buckets("product")) {
            products.add(new Views.Link(b.termText() + " (" + b.count() + ")",
                    Links.topCrashers(String.valueOf(b.term()), null, null, days)));
        }
        return new Views.TopCrashers(null, null, null, days,
                Windows.dayLinks(Windows.TOP_CRASHER_DAYS, days, d -> "/topcrashers/?days=" + d),
                List.of(), List.of(), products, result.total(), "", List.of(), List.of(), "/search/", false, null, 0);
    }

    /**
     * The first day each signature was seen in the searchable past, from one search: the signatures'
     * daily histograms over the last year.
     */
    private Map<String, LocalDate> firstSeen(List<SearchResult.Bucket> signatures, Instant end, Viewer viewer) {
        Map<String, LocalDate> first = new HashMap<>();
        if (signatures.isEmpty()) {
            return first;
        }
        Query q = new Query();
        for (SearchResult.Bucket b : signatures) {
            q.add("signature", "=" + b.term());
        }
        q.add("date", ">=" + end.minus(FIRST_SEEN_DAYS, ChronoUnit.DAYS)).add("date", "<=" + end);
        q.add("_results_number", 0).add("_facets_size", signatures.size())
                .add("_aggs.signature", "_histogram.date");
        for (SearchResult.Bucket b : search.search(q, viewer).buckets("signature")) {
            for (SearchResult.Bucket day : b.sub("histogram_date")) {
                if (day.count() > 0) {
                    LocalDate date = Days.parse(day.term());
                    if (date != null) {
                        first.merge(String.valueOf(b.term()), date, (a, c) -> a.isBefore(c) ? a : c);
                    }
                }
            }
        }
        return first;
    }

    /** Statuses of the ranked signatures; none (all shown as new) when the database cannot be read. */
    private Map<String, SignatureStatus> statuses(List<SearchResult.Bucket> ranked) {
        try {
            return statuses.findAll(ranked.stream().map(b -> String.valueOf(b.term())).toList());
        } catch (IllegalStateException e) {
            LOG.warnf("Top Crashers without statuses: %s", e.getMessage());
            return Map.of();
        }
    }

    private int ignoredCount() {
        try {
            return statuses.ignoredCount();
        } catch (IllegalStateException e) {
            LOG.warnf("Top Crashers cannot count ignored signatures: %s", e.getMessage());
            return 0;
        }
    }

    private static boolean hideIgnored(String text) {
        if (text == null || text.isBlank() || text.strip().equals("0") || text.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (text.strip().equals("1") || text.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new Windows.BadPageParameter("hide_ignored must be 1 or 0");
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Windows.BadPageParameter("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
