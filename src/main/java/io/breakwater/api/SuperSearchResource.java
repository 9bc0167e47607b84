package io.breakwater.api;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
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
public class SuperSearchResource {

    @Inject
    SuperSearch superSearch;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @GET
    @Path("SuperSearch")
    public Response search(@Context UriInfo uri) {
        return run(uri, access.caller(), false);
    }

    @GET
    @Path("SuperSearchUnredacted")
    public Response searchUnredacted(@Context UriInfo uri) {
        return run(uri, access.caller(), true);
    }

    @GET
    @Path("SuperSearchFields")
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
