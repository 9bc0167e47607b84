package io.breakwater.api;

import io.breakwater.search.SearchAccess;
import io.breakwater.search.SearchUnavailableException;
import io.breakwater.search.SuperSearch;
import io.breakwater.search.SuperSearchException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Socorro-compatible Super Search API. {@code SuperSearch} covers public fields for everyone;
 * {@code SuperSearchUnredacted} also covers protected fields for callers holding the protected-data
 * permission.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class SuperSearchResource {

    @Inject
    SuperSearch superSearch;

    @GET
    @Path("SuperSearch")
    public Response search(@Context UriInfo uri) {
        return run(uri, SearchAccess.PUBLIC_ONLY);
    }

    @GET
    @Path("SuperSearchUnredacted")
    public Response searchUnredacted(@Context UriInfo uri, @Context SecurityContext security) {
        boolean permitted = security != null && security.getUserPrincipal() != null
                && security.isUserInRole(SearchAccess.PROTECTED_DATA_PERMISSION);
        return run(uri, permitted ? SearchAccess.PROTECTED_ALLOWED : SearchAccess.PUBLIC_ONLY);
    }

    @GET
    @Path("SuperSearchFields")
    public Map<String, Object> fields() {
        return superSearch.fieldsDescription();
    }

    private Response run(UriInfo uri, SearchAccess access) {
        Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters(true));
        try {
            return Response.ok(superSearch.search(params, access)).build();
        } catch (SuperSearchException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            if (e.parameter() != null) {
                body.put("parameter", e.parameter());
            }
            return Response.status(e.status()).entity(body).type(MediaType.APPLICATION_JSON).build();
        } catch (SearchUnavailableException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("error", "Search is temporarily unavailable: " + e.getMessage()))
                    .type(MediaType.APPLICATION_JSON).build();
        }
    }
}
