package io.breakwater.processor;

import io.breakwater.access.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/internal/processor-stats}: the processor's per-stage timings ({@link ProcessorStats}) and
 * worker counts, for benchmarks and operators. Internal: needs the {@code admin} permission.
 */
@Path("/api/internal/processor-stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Permission.Names.ADMIN)
// Names of io.breakwater.api.ApiDocument; the api package depends on this one.
@Tag(name = "Administration")
public class ProcessorStatsResource {

    @Inject
    ProcessorStats stats;

    @Inject
    ProcessorWorkers workers;

    @Inject
    ProcessorConfig config;

    @Inject
    io.breakwater.search.IndexBatcher bulk;

    @GET
    @Operation(summary = "Processor timings",
            description = "Workers, crashes in flight, processed and completed (in search), the search bulk "
                    + "requests and the documents they carried, and per-stage times (count, mean, p50, p99, "
                    + "buckets) since start, on this instance. Needs admin.")
    @APIResponse(responseCode = "200", description = "{workers, in_flight, processed, completed, search_bulk, stages}")
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "The token lacks admin")
    @SecurityRequirement(name = "AuthToken", scopes = Permission.Names.ADMIN)
    public Response get() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workers", config.enabled() ? config.workers() : 0);
        body.put("in_flight", workers.inFlight());
        body.put("processed", workers.processedCount());
        body.put("completed", workers.completedCount());
        body.put("search_bulk", Map.of("requests", bulk.requestCount(), "documents", bulk.documentCount()));
        body.put("stages", stats.snapshot());
        return Response.ok(body).build();
    }
}
