package io.breakwater.processor;

import io.breakwater.access.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/internal/processor-stats}: the processor's per-stage timings ({@link ProcessorStats}) and
 * worker counts, for benchmarks and operators. Internal: needs the {@code admin} permission.
 */
@Path("/api/internal/processor-stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Permission.Names.ADMIN)
public class ProcessorStatsResource {

    @Inject
    ProcessorStats stats;

    @Inject
    ProcessorWorkers workers;

    @Inject
    ProcessorConfig config;

    @GET
    public Response get() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workers", config.enabled() ? config.workers() : 0);
        body.put("in_flight", workers.inFlight());
        body.put("processed", workers.processedCount());
        body.put("stages", stats.snapshot());
        return Response.ok(body).build();
    }
}
