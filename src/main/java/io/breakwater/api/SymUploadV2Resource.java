package io.breakwater.api;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Permission;
import io.breakwater.access.RequestOrigins;
import io.breakwater.storage.StorageException;
import io.breakwater.symbolstore.SymbolKey;
import io.breakwater.symbolstore.SymbolUploadService;
import io.breakwater.symbolstore.UploadRejectedException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Breakpad's {@code symupload -p sym-upload-v2} protocol, with {@code <server>/api/symupload} as its API URL
 * and an API token holding {@code upload_symbols} as its key ({@code -k}): check whether a module has
 * symbols, create an upload, PUT the file to the upload URL, complete it. The upload waits in the symbols
 * bucket between the PUT and the completion, so the steps may reach different instances. Answers are
 * written exactly as symupload reads them ({@code "name": "value"}).
 */
@Path("/api/symupload/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Permission.Names.UPLOAD_SYMBOLS)
@Blocking
@Tag(name = ApiDocument.SYMBOLS)
@SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.UPLOAD_SYMBOLS)
@APIResponse(responseCode = "401", description = "No token (symupload sends it as ?key=)")
@APIResponse(responseCode = "403", description = "The token lacks upload_symbols")
public class SymUploadV2Resource {

    @Inject
    SymbolUploadService uploads;

    @Inject
    AccessPolicy access;

    @Inject
    RequestOrigins origins;

    @Context
    HttpServerRequest request;

    // Google's API style puts the verb after a colon in the last segment; the router only matches whole segments.
    @GET
    @Path("symbols/{debugFile}/{idAndVerb}")
    @Operation(summary = "symupload v2: whether a module has symbols",
            description = "GET .../symbols/<debug_file>/<debug_id>:checkStatus answers {\"status\": \"FOUND\"} or MISSING.")
    @APIResponse(responseCode = "200", description = "{status: FOUND or MISSING}")
    public Response checkStatus(@PathParam("debugFile") String debugFile, @PathParam("idAndVerb") String idAndVerb) {
        if (!idAndVerb.endsWith(":checkStatus")) {
            return Response.status(404).build();
        }
        String debugId = idAndVerb.substring(0, idAndVerb.length() - ":checkStatus".length());
        Optional<SymbolKey> key = SymbolKey.forModule(debugFile, debugId);
        boolean found = key.isPresent() && uploads.has(key.get());
        return json("{\"status\": \"" + (found ? "FOUND" : "MISSING") + "\"}");
    }

    @POST
    @Path("{verb}")
    @Operation(summary = "symupload v2: start an upload",
            description = "POST .../uploads:create answers {uploadUrl, uploadKey}; PUT the .sym file to uploadUrl.")
    @APIResponse(responseCode = "200", description = "{uploadUrl, uploadKey}")
    public Response create(@PathParam("verb") String verb, @Context UriInfo uri) {
        if (!verb.equals("uploads:create")) {
            return Response.status(404).build();
        }
        String key = uploads.newPendingUploadKey();
        String base = (origins.of(request).secure() ? "https" : uri.getBaseUri().getScheme()) + "://"
                + uri.getBaseUri().getRawAuthority();
        return json("{\"uploadUrl\": \"" + base + "/api/symupload/v1/uploads/" + key + "\", \"uploadKey\": \"" + key + "\"}");
    }

    @PUT
    @Path("uploads/{uploadKey}")
    @Operation(summary = "symupload v2: the file of an upload",
            description = "The .sym file as the body; it waits in the symbols bucket until the upload is completed.")
    @APIResponse(responseCode = "200", description = "Staged")
    @APIResponse(responseCode = "404", description = "No such upload")
    @APIResponse(responseCode = "413", description = "Over the size limit")
    @APIResponse(responseCode = "503", description = "Symbol storage failed")
    public Response put(@PathParam("uploadKey") String uploadKey, InputStream body,
                        @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength) {
        try {
            uploads.stagePending(uploadKey, body, length(contentLength));
            return Response.ok().build();
        } catch (UploadRejectedException e) {
            return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                    .entity(java.util.Map.of("error", e.getMessage())).build();
        } catch (StorageException e) {
            return Response.status(503).header("Retry-After", "30").build();
        }
    }

    @POST
    @Path("uploads/{keyAndVerb}")
    @Operation(summary = "symupload v2: publish an upload",
            description = "POST .../uploads/<uploadKey>:complete checks the staged file and publishes it.")
    @APIResponse(responseCode = "200", description = "{result: OK}")
    @APIResponse(responseCode = "400", description = "The staged file is not a Breakpad symbol file")
    @APIResponse(responseCode = "503", description = "Symbol storage failed; nothing was published")
    public Response complete(@PathParam("keyAndVerb") String keyAndVerb,
                             @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        if (!keyAndVerb.endsWith(":complete")) {
            return Response.status(404).build();
        }
        String uploadKey = keyAndVerb.substring(0, keyAndVerb.length() - ":complete".length());
        try {
            uploads.completePending(uploadKey, access.caller().describe(), userAgent);
            return json("{\"result\": \"OK\"}");
        } catch (UploadRejectedException e) {
            return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                    .entity(java.util.Map.of("error", e.getMessage())).build();
        } catch (SymbolUploadService.PublishFailedException | StorageException e) {
            return Response.status(503).header("Retry-After", "30").type(MediaType.APPLICATION_JSON)
                    .entity(java.util.Map.of("error", "symbol storage failed: " + e.getMessage())).build();
        }
    }

    private static Response json(String body) {
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private static OptionalLong length(String header) {
        try {
            return header == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
