package io.breakwater.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import io.breakwater.access.CrashDataPolicy;
import io.breakwater.access.Permission;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.StorageException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/ProcessedCrash?crash_id=}: the processed crash. Callers without the {@code view_pii}
 * permission get its public part ({@link CrashDataPolicy}); {@code datatype=unredacted} insists on the
 * whole crash and is refused without the permission.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ProcessedCrashResource {

    private static final Logger LOG = Logger.getLogger(ProcessedCrashResource.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PROCESSED_CRASH = new TypeReference<>() { };

    @Inject
    CrashStorage storage;

    @Inject
    CrashDataPolicy policy;

    @Inject
    AccessPolicy access;

    /** Socorro's retired name for the unredacted processed crash, which old scripts still call. */
    @GET
    @Path("UnredactedCrash")
    public Response unredactedCrash(@QueryParam("crash_id") String crashIdParam) {
        return processedCrash(crashIdParam, "unredacted");
    }

    @GET
    @Path("ProcessedCrash")
    public Response processedCrash(@QueryParam("crash_id") String crashIdParam,
                                   @QueryParam("datatype") String datatype) {
        ApiErrors.Either crashId = ApiErrors.crashId(crashIdParam);
        if (crashId.error() != null) return crashId.error();
        Caller caller = access.caller();
        String type = datatype == null || datatype.isBlank() ? "processed" : datatype.strip();
        switch (type) {
            case "processed" -> { }
            case "unredacted" -> {
                if (!policy.mayViewProtected(caller)) {
                    throw AccessPolicy.denied(caller, Permission.VIEW_PII);
                }
            }
            default -> {
                return ApiErrors.error(Response.Status.BAD_REQUEST, "datatype '" + ApiErrors.echo(type)
                        + "' is unknown: use processed (default) or unredacted", Map.of("parameter", "datatype"));
            }
        }

        String id = crashId.value();
        Optional<byte[]> bytes;
        boolean pending;
        try {
            bytes = storage.loadProcessedCrashBytes(id);
            pending = bytes.isEmpty() && storage.rawCrashExists(id);
        } catch (StorageException e) {
            LOG.warnf("processed crash %s: storage unavailable: %s", id, e.getMessage());
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "crash storage is temporarily unavailable");
        }
        if (bytes.isEmpty()) {
            return pending
                    ? ApiErrors.error(Response.Status.NOT_FOUND, "crash " + id + " was received but is not processed yet",
                            Map.of("crash_id", id, "state", "pending"))
                    : ApiErrors.error(Response.Status.NOT_FOUND, "no crash with id " + id,
                            Map.of("crash_id", id, "state", "not_found"));
        }
        Map<String, Object> processed;
        try {
            processed = MAPPER.readValue(bytes.get(), PROCESSED_CRASH);
        } catch (IOException e) {
            processed = null;
        }
        if (processed == null) {
            LOG.errorf("processed crash %s in storage is not a JSON object", id);
            return ApiErrors.error(Response.Status.INTERNAL_SERVER_ERROR, "the stored processed crash " + id
                    + " is unreadable; reprocessing it rewrites it");
        }
        return Response.ok(policy.processedCrash(caller, id, processed)).build();
    }
}
