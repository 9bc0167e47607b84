package io.breakwater.api;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import io.breakwater.search.SearchAccess;
import io.breakwater.search.SuperSearch;
import io.breakwater.search.SuperSearchRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Socorro-compatible Super Search API. {@code SuperSearch} covers public fields for everyone;
 * {@code SuperSearchUnredacted} also covers protected fields for callers holding the protected-data
 * permission (each such search that touches a protected field is audited). Callers with the long-queries
 * permission may search longer date ranges on both. Refusals are answered by {@link SearchErrors}.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.SEARCH)
public class SuperSearchResource {

    @Inject
    SuperSearch superSearch;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @GET
    @Path("SuperSearch")
    @Operation(summary = "Search crashes (public fields)",
            description = "Every field of /api/SuperSearchFields is a filter (repeat a parameter for OR; operators as value "
                    + "prefixes). Aggregations: _aggs.<field>=<field>, _histogram.<date or number field>=<field>, "
                    + "_histogram_interval.<field>, _cardinality.<field>. Answers {hits, total, facets, errors}."
                    + " Protected fields are refused here. A token is optional: with run_long_queries it may search "
                    + "up to 5 years instead of 365 days.")
    @Parameter(name = "product", in = ParameterIn.QUERY, description = "Product name; repeat for several",
            example = "MyApp")
    @Parameter(name = "version", in = ParameterIn.QUERY, description = "Version; repeat for several")
    @Parameter(name = "signature", in = ParameterIn.QUERY,
            description = "Signature; operators as value prefixes: ~ contains, ^ starts with, $ ends with, "
                    + "= exact, ! not, __null__ empty")
    @Parameter(name = "date", in = ParameterIn.QUERY,
            description = "Date range, repeated with operators: date=>=2024-01-01&date=<2024-02-01 (default: the last 7 days)")
    @Parameter(name = "_columns", in = ParameterIn.QUERY, description = "Fields returned for each hit; repeat")
    @Parameter(name = "_facets", in = ParameterIn.QUERY, description = "Fields whose values are counted; repeat")
    @Parameter(name = "_facets_size", in = ParameterIn.QUERY, description = "Values per facet (default 50)")
    @Parameter(name = "_sort", in = ParameterIn.QUERY, description = "Sort field, - prefix for descending; repeat")
    @Parameter(name = "_results_number", in = ParameterIn.QUERY, description = "Hits per page (default 100, at most 1000)")
    @Parameter(name = "_results_offset", in = ParameterIn.QUERY, description = "Hits to skip")
    @APIResponse(responseCode = "200", description = "Hits, total and facets")
    @APIResponse(responseCode = "400", description = "A parameter is wrong; the answer names it")
    @APIResponse(responseCode = "403", description = "A protected field was asked for")
    @APIResponse(responseCode = "503", description = "Search is unavailable for now")
    @SecurityRequirementsSet
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN)
    public Response search(@Context UriInfo uri) {
        return run(uri, access.caller(), false);
    }

    @GET
    @Path("SuperSearchUnredacted")
    @Operation(summary = "Search crashes, protected fields included",
            description = "Super Search over protected fields too (URL, e-mail, comments, install id, unknown "
                    + "annotations) for holders of view_pii; each search touching a protected field is audited. "
                    + "Without the permission protected fields are refused, as on /api/SuperSearch. "
                    + "Every field of /api/SuperSearchFields is a filter (repeat a parameter for OR; operators as value "
                    + "prefixes). Aggregations: _aggs.<field>=<field>, _histogram.<date or number field>=<field>, "
                    + "_histogram_interval.<field>, _cardinality.<field>. Answers {hits, total, facets, errors}.")
    @Parameter(name = "product", in = ParameterIn.QUERY, description = "Product name; repeat for several",
            example = "MyApp")
    @Parameter(name = "version", in = ParameterIn.QUERY, description = "Version; repeat for several")
    @Parameter(name = "signature", in = ParameterIn.QUERY,
            description = "Signature; operators as value prefixes: ~ contains, ^ starts with, $ ends with, "
                    + "= exact, ! not, __null__ empty")
    @Parameter(name = "date", in = ParameterIn.QUERY,
            description = "Date range, repeated with operators: date=>=2024-01-01&date=<2024-02-01 (default: the last 7 days)")
    @Parameter(name = "_columns", in = ParameterIn.QUERY, description = "Fields returned for each hit; repeat")
    @Parameter(name = "_facets", in = ParameterIn.QUERY, description = "Fields whose values are counted; repeat")
    @Parameter(name = "_facets_size", in = ParameterIn.QUERY, description = "Values per facet (default 50)")
    @Parameter(name = "_sort", in = ParameterIn.QUERY, description = "Sort field, - prefix for descending; repeat")
    @Parameter(name = "_results_number", in = ParameterIn.QUERY, description = "Hits per page (default 100, at most 1000)")
    @Parameter(name = "_results_offset", in = ParameterIn.QUERY, description = "Hits to skip")
    @APIResponse(responseCode = "200", description = "Hits, total and facets")
    @APIResponse(responseCode = "400", description = "A parameter is wrong; the answer names it")
    @APIResponse(responseCode = "403", description = "A protected field was asked for without view_pii")
    @APIResponse(responseCode = "503", description = "Search is unavailable for now")
    @SecurityRequirementsSet
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.VIEW_PII)
    public Response searchUnredacted(@Context UriInfo uri) {
        return run(uri, access.caller(), true);
    }

    @GET
    @Path("SuperSearchFields")
    @Operation(summary = "The searchable fields",
            description = "Every Super Search field: name, type, operators, whether it is protected and whether "
                    + "it can be aggregated. Public.")
    @APIResponse(responseCode = "200", description = "Fields by name")
    public Map<String, Object> fields() {
        return superSearch.fieldsDescription();
    }

    private Response run(UriInfo uri, Caller caller, boolean unredacted) {
        Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters(true));
        SearchAccess searchAccess = AccessPolicy.searchAccess(caller, unredacted);
        SuperSearchRequest request = superSearch.parse(params, searchAccess);
        Map<String, Object> result = superSearch.search(request);
        if (!request.protectedFieldsUsed().isEmpty()) {
            audit.record(caller, AuditLog.SEARCH_PROTECTED, "/api/SuperSearchUnredacted",
                    String.join(",", request.protectedFieldsUsed()) + " ?" + uri.getRequestUri().getRawQuery());
        }
        return Response.ok(result).build();
    }
}
