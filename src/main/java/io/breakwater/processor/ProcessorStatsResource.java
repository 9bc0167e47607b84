package io.breakwater.processor;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/internal/processor-stats}: the processor's per-stage timings ({@link ProcessorStats}) and
 * worker counts, for benchmarks and operators. Internal: only callers on this machine, until permissions exist.
 */
@Path("/api/internal/processor-stats")
@Produces(MediaType.APPLICATION_JSON)
public class ProcessorStatsResource {

    @Inject
    ProcessorStats stats;

    @Inject
    ProcessorWorkers workers;

    @Inject
    ProcessorConfig config;

    @Context
    HttpServerRequest request;

    @GET
    public Response get() {
        if (request == null || request.remoteAddress() == null || !isLoopback(request.remoteAddress().hostAddress())) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Map.of("error", "processor stats are only available from this machine")).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workers", config.enabled() ? config.workers() : 0);
        body.put("in_flight", workers.inFlight());
        body.put("processed", workers.processedCount());
        body.put("stages", stats.snapshot());
        return Response.ok(body).build();
    }

    /** An IP literal of this machine; names are never resolved. */
    static boolean isLoopback(String hostAddress) {
        if (hostAddress == null || hostAddress.isEmpty() || !hostAddress.matches("[0-9a-fA-F:.%]+")) return false;
        try {
            return InetAddress.getByName(hostAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
