package io.breakwater.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/}: the API documentation page (as Socorro has one): every endpoint with its parameters, the
 * permission it needs and an example {@code curl}, with links to Swagger UI and the field list. Plain HTML:
 * no script, nothing inline, so it reads the same without JavaScript.
 */
@Path("/api/")
@Produces("text/html")
public class ApiDocsPage {

    @GET
    @Operation(hidden = true)
    public Response page(@Context UriInfo uri) {
        // Examples name this server as the browser reached it.
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        return Pages.ok(Pages.apiDocs(new ApiViews.Docs(Text.printable(base), ApiCatalog.groups(Text.printable(base)),
                SwaggerUiPage.PATH, SwaggerUiPage.DOCUMENT, "/api/SuperSearchFields", "/q/metrics")));
    }
}
