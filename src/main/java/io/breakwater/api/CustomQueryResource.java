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


/**
 * {@code POST /api/SuperSearchCustom}: a raw Elasticsearch search body over the crash index ({@link CustomQuery}).
 * Needs {@code run_custom_queries}, and {@code view_pii} too, because a raw query reads every field; each
 * query is audited. Refusals and outages are answered by {@link SearchErrors}.
 */
@Path("/api/SuperSearchCustom")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Permission.Names.RUN_CUSTOM_QUERIES)
public class CustomQueryResource {

    @Inject
    CustomQuery customQuery;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response run(JsonNode body) {
        Caller caller = access.require(Permission.VIEW_PII);
        JsonNode result = customQuery.run(body);
        audit.record(caller, AuditLog.CUSTOM_QUERY, "/api/SuperSearchCustom", String.valueOf(body));
        return Response.ok(result).build();
    }
}
