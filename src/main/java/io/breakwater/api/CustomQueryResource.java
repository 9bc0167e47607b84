package io.breakwater.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.access.AccessPolicy;
import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import io.breakwater.search.CustomQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * {@code POST /api/SuperSearchCustom}: a raw Elasticsearch search body over the crash index ({@link CustomQuery}).
 * Needs {@code run_custom_queries}, and {@code view_pii} too, because a raw query reads every field; each
 * query is audited. Refusals and outages are answered by {@link SearchErrors}.
 */
@Path("/api/SuperSearchCustom")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Permission.Names.RUN_CUSTOM_QUERIES)
@Tag(name = ApiDocument.SEARCH)
public class CustomQueryResource {

    @Inject
    CustomQuery customQuery;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a raw Elasticsearch query over the crash index",
            description = "Socorro's custom query: an Elasticsearch search body (query, aggs, sort, from/size; no "
                    + "scripts; 30 s at most; at most 1,000 hits). Needs run_custom_queries and view_pii, since a "
                    + "raw query reads every field. Audited.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "match", value = "{\"query\": {\"term\": {\"product\": \"MyApp\"}}, \"size\": 10}")))
    @APIResponse(responseCode = "200", description = "Elasticsearch's answer")
    @APIResponse(responseCode = "400", description = "The body is not an allowed search")
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "run_custom_queries or view_pii is missing")
    @APIResponse(responseCode = "503", description = "Search is unavailable for now")
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN,
            scopes = {Permission.Names.RUN_CUSTOM_QUERIES, Permission.Names.VIEW_PII})
    public Response run(JsonNode body) {
        Caller caller = access.require(Permission.VIEW_PII);
        JsonNode result = customQuery.run(body);
        audit.record(caller, AuditLog.CUSTOM_QUERY, "/api/SuperSearchCustom", String.valueOf(body));
        return Response.ok(result).build();
    }
}
