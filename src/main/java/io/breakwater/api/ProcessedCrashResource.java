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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
@Tag(name = ApiDocument.CRASH_DATA)
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
    @Operation(summary = "A processed crash, protected fields included",
            description = "Socorro's older name for ProcessedCrash with datatype=unredacted.")
    @APIResponse(responseCode = "200", description = "The processed crash")
    @APIResponse(responseCode = "400", description = "crash_id is wrong")
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "The token lacks view_pii")
    @APIResponse(responseCode = "404", description = "No such crash, or not processed yet (state: pending)")
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.VIEW_PII)
    public Response unredactedCrash(@QueryParam("crash_id") @Parameter(name = "crash_id",
            description = "The crash id, with or without bp-", required = true) String crashIdParam) {
        return processedCrash(crashIdParam, "unredacted");
    }

    @GET
    @Path("ProcessedCrash")
    @Operation(summary = "A processed crash",
            description = "The processed crash (signature, stack, modules, annotations the rules read). Without "
                    + "view_pii the protected fields are left out; datatype=unredacted insists on all of it.")
    @APIResponse(responseCode = "200", description = "The processed crash")
    @APIResponse(responseCode = "400", description = "crash_id or datatype is wrong")
    @APIResponse(responseCode = "403", description = "datatype=unredacted without view_pii")
    @APIResponse(responseCode = "404", description = "No such crash, or not processed yet (state: pending)")
    @APIResponse(responseCode = "503", description = "Crash storage is unavailable for now")
    @SecurityRequirementsSet
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.VIEW_PII)
    public Response processedCrash(@QueryParam("crash_id") @Parameter(name = "crash_id", description = "The crash id, with or without bp-", required = true,
            example = "bp-5d0b6f2e-8b1c-4c5e-9a7d-1f2e3a241124") String crashIdParam,
                                   @QueryParam("datatype") @Parameter(description = "processed (default) or "
                                           + "unredacted (needs view_pii)") String datatype) {
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
