package io.breakwater.api;

import io.breakwater.access.AccessPolicy;
import io.breakwater.jobs.SignatureFirstSeen;
import io.breakwater.jobs.SignatureFirstSeenStore;
import io.breakwater.search.SuperSearch;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Socorro endpoints that scripts still call, answered from the crashes themselves: {@code ProductVersions}
 * (products and versions that sent crashes), {@code Platforms} (operating systems seen) and
 * {@code NewSignatures} (signatures first seen in a date range). Public: they show only public fields.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.SEARCH)
@APIResponse(responseCode = "400", description = "A bad parameter (named in the answer)")
@APIResponse(responseCode = "503", description = "Search is unavailable for now")
public class ProductDataResource {

    static final int MAX_DAYS = 365;
    static final int MAX_TERMS = 10_000;
    /** Socorro's short platform names, for the operating systems reporters send. */
    static final Map<String, String> SHORT_NAMES = Map.of("Windows NT", "win", "Windows", "win", "Mac OS X", "mac",
            "macOS", "mac", "Linux", "lin", "Android", "and", "iOS", "ios", "Solaris", "sol");

    @Inject
    SuperSearch superSearch;

    @Inject
    SignatureFirstSeenStore firstSeen;

    @Inject
    AccessPolicy access;

    @GET
    @Path("ProductVersions")
    @Operation(summary = "Products and versions that sent crashes",
            description = "Every product and version with crashes in the last days, with their crash counts. Public.")
    @APIResponse(responseCode = "200", description = "{hits: [{product, version, crashes}], total, days}")
    public Response productVersions(@QueryParam("product") @Parameter(description = "Only this product; repeat for several")
                                    List<String> products,
                                    @QueryParam("days") @Parameter(description = "Days back, 1 to 365 (default 30)")
                                    String daysParam) {
        int days = days(daysParam, 30);
        Map<String, List<String>> query = window(days);
        if (products != null && !products.isEmpty()) {
            query.put("product", products.stream().map(p -> "=" + p).toList());
        }
        query.put("_aggs.product", List.of("version"));
        query.put("_facets_size", List.of(Integer.toString(MAX_TERMS)));
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> product : buckets(search(query), "product")) {
            Map<String, Object> inner = map(product.get("facets"));
            for (Map<String, Object> version : buckets(inner, "version")) {
                Map<String, Object> hit = new LinkedHashMap<>();
                hit.put("product", product.get("term"));
                hit.put("version", version.get("term"));
                hit.put("crashes", version.get("count"));
                hits.add(hit);
            }
        }
        return Response.ok(Map.of("hits", hits, "total", hits.size(), "days", days)).build();
    }

    @GET
    @Path("Platforms")
    @Operation(summary = "Operating systems that sent crashes",
            description = "Every operating system with crashes in the last days, with a short name and a crash count. Public.")
    @APIResponse(responseCode = "200", description = "{hits: [{name, short_name, crashes}], total}")
    public Response platforms(@QueryParam("days") @Parameter(description = "Days back, 1 to 365 (default 30)")
                              String daysParam) {
        int days = days(daysParam, 30);
        Map<String, List<String>> query = window(days);
        query.put("_facets", List.of("platform"));
        query.put("_facets_size", List.of(Integer.toString(MAX_TERMS)));
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> platform : buckets(search(query), "platform")) {
            String name = String.valueOf(platform.get("term"));
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("name", name);
            hit.put("short_name", SHORT_NAMES.getOrDefault(name, name.toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9]", "").substring(0, Math.min(3, name.replaceAll("[^A-Za-z0-9]", "").length()))));
            hit.put("crashes", platform.get("count"));
            hits.add(hit);
        }
        return Response.ok(Map.of("hits", hits, "total", hits.size())).build();
    }

    @GET
    @Path("NewSignatures")
    @Operation(summary = "Signatures first seen in a date range",
            description = "Signatures of crashes in [start_date, end_date) whose first crash ever falls in that range. Public.")
    @APIResponse(responseCode = "200", description = "{hits: [signature], total}")
    public Response newSignatures(@QueryParam("start_date") @Parameter(description = "First day, e.g. 2026-01-01 "
                                          + "(default 8 days before end_date)") String startParam,
                                  @QueryParam("end_date") @Parameter(description = "Day after the last (default tomorrow)")
                                  String endParam,
                                  @QueryParam("product") @Parameter(description = "Product; repeat for several")
                                  List<String> products,
                                  @QueryParam("version") @Parameter(description = "Version; repeat for several")
                                  List<String> versions) {
        LocalDate end = date(endParam, "end_date", LocalDate.now(ZoneOffset.UTC).plusDays(1));
        LocalDate start = date(startParam, "start_date", end.minusDays(8));
        if (!start.isBefore(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw io.breakwater.search.SuperSearchException.badRequest("start_date",
                    "start_date must be before end_date, at most " + MAX_DAYS + " days apart");
        }
        Instant from = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = end.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("date", List.of(">=" + from, "<" + to));
        if (products != null && !products.isEmpty()) {
            query.put("product", products.stream().map(p -> "=" + p).toList());
        }
        if (versions != null && !versions.isEmpty()) {
            query.put("version", versions.stream().map(v -> "=" + v).toList());
        }
        query.put("_facets", List.of("signature"));
        query.put("_facets_size", List.of(Integer.toString(MAX_TERMS)));
        List<String> seen = buckets(search(query), "signature").stream().map(b -> String.valueOf(b.get("term"))).toList();
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < seen.size(); i += SignatureFirstSeenStore.MAX_LOOKUP) {
            for (SignatureFirstSeen s : firstSeen.find(seen.subList(i, Math.min(seen.size(), i + SignatureFirstSeenStore.MAX_LOOKUP)))) {
                if (!s.firstDate().isBefore(from) && s.firstDate().isBefore(to)) {
                    fresh.add(s.signature());
                }
            }
        }
        fresh.sort(null);
        return Response.ok(Map.of("hits", fresh, "total", fresh.size())).build();
    }

    private Map<String, Object> search(Map<String, List<String>> query) {
        query.put("_results_number", List.of("0"));
        return superSearch.search(query, AccessPolicy.searchAccess(access.caller(), false));
    }

    private static Map<String, List<String>> window(int days) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        Instant now = Instant.now();
        query.put("date", List.of(">=" + now.minusSeconds(days * 86_400L), "<=" + now));
        return query;
    }

    private static int days(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int days = Integer.parseInt(text.strip());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw io.breakwater.search.SuperSearchException.badRequest("days", "days must be a whole number from 1 to " + MAX_DAYS);
    }

    private static LocalDate date(String text, String name, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw io.breakwater.search.SuperSearchException.badRequest(name, name + " must be a date like 2026-01-31");
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> buckets(Map<String, Object> result, String name) {
        Object facets = result.containsKey("facets") ? result.get("facets") : result;
        Object list = map(facets).get(name);
        return list instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
