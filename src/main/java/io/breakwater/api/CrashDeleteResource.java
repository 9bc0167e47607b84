package io.breakwater.api;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.AuditLog;
import io.breakwater.access.Permission;
import io.breakwater.jobs.CrashDeleter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DELETE /api/crashes/<crash id>}: removes one crash from storage, search and the queue for good
 * (Socorro's permadelete), e.g. when a user asks for their data to be erased. Needs {@code admin}; audited.
 * 200 when everything is gone, 404 when there was nothing, 503 when part of it remains (repeat it).
 */
@Path("/api/crashes/{crashId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Permission.Names.ADMIN)
@Tag(name = ApiDocument.ADMINISTRATION)
public class CrashDeleteResource {

    @Inject
    CrashDeleter deleter;

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @DELETE
    @Operation(summary = "Delete one crash for good",
            description = "Removes the crash from storage, search and the queue (Socorro's permadelete), e.g. when "
                    + "someone asks for their data to be erased. Needs admin; audited.")
    @APIResponse(responseCode = "200", description = "Everything is gone")
    @APIResponse(responseCode = "404", description = "There was nothing to delete")
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "The token lacks admin")
    @APIResponse(responseCode = "503", description = "Part of it remains; repeat the request")
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.ADMIN)
    public Response delete(@PathParam("crashId") @Parameter(description = "The crash id, with or without bp-")
                           String crashIdParam) {
        ApiErrors.Either crashId = ApiErrors.crashId(crashIdParam);
        if (crashId.error() != null) return crashId.error();
        CrashDeleter.Result result = deleter.delete(crashId.value());
        audit.record(access.caller(), "crash.delete", crashId.value(), result.complete() ? "deleted"
                : "partly: " + result.problem());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("crash_id", result.crashId());
        body.put("existed", result.existed());
        body.put("complete", result.complete());
        body.put("search_documents_removed", result.searchDocs());
        if (result.problem() != null) {
            body.put("error", result.problem() + "; repeat the request to finish");
            return Response.status(503).header("Retry-After", "30").entity(body).build();
        }
        return Response.status(result.existed() || result.searchDocs() > 0 ? 200 : 404).entity(body).build();
    }
}
