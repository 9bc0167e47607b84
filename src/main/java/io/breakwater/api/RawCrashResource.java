package io.breakwater.api;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import io.breakwater.access.CrashDataPolicy;
import io.breakwater.access.Permission;
import io.breakwater.storage.CrashKeys;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.StorageException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/RawCrash?crash_id=}: the raw crash as submitted. {@code format=meta} (default) gives the
 * annotations, reduced to the public ones ({@link CrashDataPolicy}) unless the caller holds
 * {@code view_pii}; {@code format=raw&name=<dump>} downloads a dump and needs {@code view_rawdump}, because
 * dumps hold process memory.
 */
@Path("/api")
@Tag(name = ApiDocument.CRASH_DATA)
public class RawCrashResource {

    private static final Logger LOG = Logger.getLogger(RawCrashResource.class);
    static final String DEFAULT_DUMP = "upload_file_minidump";

    @Inject
    CrashStorage storage;

    @Inject
    CrashDataPolicy policy;

    @Inject
    AccessPolicy access;

    @GET
    @Path("RawCrash")
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "A raw crash or one of its dumps",
            description = "format=meta (default): the annotations as submitted, only the public ones without "
                    + "view_pii. format=raw: a dump (name, default upload_file_minidump) as "
                    + "application/octet-stream; needs view_rawdump, since dumps hold process memory. Audited.")
    @APIResponse(responseCode = "200", description = "The annotations (JSON) or the dump (bytes)")
    @APIResponse(responseCode = "400", description = "crash_id, format or name is wrong")
    @APIResponse(responseCode = "401", description = "format=raw without a token")
    @APIResponse(responseCode = "403", description = "format=raw without view_rawdump")
    @APIResponse(responseCode = "404", description = "No such crash or dump")
    @APIResponse(responseCode = "503", description = "Crash storage is unavailable for now")
    @SecurityRequirementsSet
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.VIEW_PII)
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.VIEW_RAWDUMP)
    public Response rawCrash(@QueryParam("crash_id") @Parameter(name = "crash_id", description = "The crash id, with or without bp-", required = true,
            example = "bp-5d0b6f2e-8b1c-4c5e-9a7d-1f2e3a241124") String crashIdParam,
                             @QueryParam("format") @Parameter(description = "meta (default) or raw") String format,
                             @QueryParam("name") @Parameter(description = "Dump name for format=raw "
                                     + "(default upload_file_minidump)") String name) {
        ApiErrors.Either crashId = ApiErrors.crashId(crashIdParam);
        if (crashId.error() != null) return crashId.error();
        String kind = format == null || format.isBlank() ? "meta" : format.strip();
        Caller caller = access.caller();
        try {
            return switch (kind) {
                case "meta" -> meta(crashId.value(), caller);
                case "raw" -> dump(crashId.value(), name == null || name.isBlank() ? DEFAULT_DUMP : name.strip(), caller);
                default -> ApiErrors.error(Response.Status.BAD_REQUEST, "format '" + ApiErrors.echo(kind)
                        + "' is unknown: use meta (default, the annotations) or raw (a dump)", Map.of("parameter", "format"));
            };
        } catch (StorageException e) {
            LOG.warnf("raw crash %s: storage unavailable: %s", crashId.value(), e.getMessage());
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "crash storage is temporarily unavailable");
        }
    }

    private Response meta(String id, Caller caller) {
        Optional<Map<String, Object>> raw = storage.loadRawCrash(id);
        if (raw.isEmpty()) return notFound(id);
        return Response.ok(policy.rawCrash(caller, id, raw.get()), MediaType.APPLICATION_JSON).build();
    }

    private Response dump(String id, String name, Caller caller) {
        if (!CrashKeys.isValidDumpName(name)) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "name '" + ApiErrors.echo(name)
                    + "' is not a dump name (letters, digits, '_' and '-', at most 100)", Map.of("parameter", "name"));
        }
        if (!policy.mayDownloadDumps(caller)) {
            // Dumps hold process memory: URLs, credentials and other personal data.
            throw AccessPolicy.denied(caller, Permission.VIEW_RAWDUMP);
        }
        Optional<InputStream> in = storage.openDump(id, name);
        if (in.isEmpty()) {
            return storage.rawCrashExists(id)
                    ? ApiErrors.error(Response.Status.NOT_FOUND, "crash " + id + " has no dump named " + name,
                            Map.of("crash_id", id, "name", name))
                    : notFound(id);
        }
        policy.recordDumpDownload(caller, id, name);
        StreamingOutput body = out -> {
            try (InputStream stream = in.get()) {
                stream.transferTo(out);
            }
        };
        String file = name.equals(DEFAULT_DUMP) ? id + ".dmp" : id + "-" + name + ".dmp";
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    private static Response notFound(String id) {
        return ApiErrors.error(Response.Status.NOT_FOUND, "no crash with id " + id,
                Map.of("crash_id", id, "state", "not_found"));
    }
}
