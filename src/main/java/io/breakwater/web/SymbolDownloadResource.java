package io.breakwater.web;

import io.breakwater.access.Permission;
import io.breakwater.api.ApiDocument;
import io.breakwater.storage.StorageException;
import io.breakwater.symbolstore.SymbolKey;
import io.breakwater.symbolstore.SymbolObjects;
import io.breakwater.symbolstore.SymbolStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * Symbol files by their Breakpad symbol-server path, as Tecken serves them:
 * {@code GET|HEAD /symbols/<debug_file>/<debug_id>/<name>.sym}, so debuggers and stack walkers can use
 * {@code <server>/symbols} as a symbol URL. The file is streamed from the bucket (Tecken redirects to
 * its bucket instead). Debug ids are matched regardless of case. {@code DELETE} on the same path removes
 * a file (from this machine only, until permissions exist).
 * <p>
 * Only the {@code /symbols/} prefix is served: the bare {@code /<debug_file>/...} form would share the
 * root with the web UI.
 */
@Path("/symbols/{debugFile}/{debugId}/{name}")
@Tag(name = ApiDocument.SYMBOLS)
public class SymbolDownloadResource {

    private static final String SYMBOL_TYPE = "text/plain; charset=utf-8";

    @Inject
    SymbolObjects objects;

    @Inject
    SymbolStore store;

    @GET
    @Blocking
    @Operation(summary = "Download a symbol file",
            description = "Breakpad symbol-server layout, so <server>/symbols works as a symbol URL for debuggers "
                    + "and stack walkers. Debug ids match regardless of case. Public.")
    @APIResponse(responseCode = "200", description = "The .sym file", content = @Content(mediaType = "text/plain"))
    @APIResponse(responseCode = "404", description = "No such symbol file")
    @APIResponse(responseCode = "503", description = "Symbol storage is unavailable for now")
    public Response get(@PathParam("debugFile") String debugFile, @PathParam("debugId") String debugId,
                        @PathParam("name") String name) {
        Optional<SymbolKey> key = keyOf(debugFile, debugId, name);
        if (key.isEmpty()) {
            return notFound();
        }
        try {
            Optional<SymbolObjects.OpenObject> object = objects.open(key.get());
            if (object.isEmpty()) {
                return notFound();
            }
            return withFacts(Response.ok(object.get().stream(), SYMBOL_TYPE), object.get().info()).build();
        } catch (StorageException e) {
            return unavailable(e);
        }
    }

    @HEAD
    @Blocking
    @Operation(summary = "Whether a symbol file exists", description = "As GET, without the body. Public.")
    @APIResponse(responseCode = "200", description = "It exists")
    @APIResponse(responseCode = "404", description = "No such symbol file")
    public Response head(@PathParam("debugFile") String debugFile, @PathParam("debugId") String debugId,
                         @PathParam("name") String name) {
        Optional<SymbolKey> key = keyOf(debugFile, debugId, name);
        if (key.isEmpty()) {
            return Response.status(404).build();
        }
        try {
            Optional<SymbolObjects.ObjectInfo> info = objects.stat(key.get());
            if (info.isEmpty()) {
                return Response.status(404).build();
            }
            return withFacts(Response.ok().type(SYMBOL_TYPE), info.get()).build();
        } catch (StorageException e) {
            return Response.status(503).build();
        }
    }

    @DELETE
    @Blocking
    @Operation(summary = "Delete a symbol file", description = "Needs upload_symbols.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "The token lacks upload_symbols")
    @APIResponse(responseCode = "404", description = "No such symbol file")
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.UPLOAD_SYMBOLS)
    public Response delete(@PathParam("debugFile") String debugFile, @PathParam("debugId") String debugId,
                           @PathParam("name") String name) {
        Optional<SymbolKey> key = keyOf(debugFile, debugId, name);
        if (key.isEmpty()) {
            return notFound();
        }
        try {
            if (objects.stat(key.get()).isEmpty()) {
                return notFound();
            }
            objects.delete(key.get());
            store.invalidate(key.get());
            return Response.noContent().build();
        } catch (StorageException e) {
            return unavailable(e);
        }
    }

    /** The key the path names, when it is a valid symbol-server path. */
    static Optional<SymbolKey> keyOf(String debugFile, String debugId, String name) {
        try {
            SymbolKey key = new SymbolKey(debugFile, debugId);
            return key.symbolFileName().equals(name) ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response.ResponseBuilder withFacts(Response.ResponseBuilder response, SymbolObjects.ObjectInfo info) {
        if (info.size() >= 0) {
            response.header(HttpHeaders.CONTENT_LENGTH, info.size());
        }
        if (info.etag() != null) {
            String etag = info.etag().startsWith("\"") ? info.etag() : "\"" + info.etag() + "\"";
            response.header(HttpHeaders.ETAG, etag);
        }
        if (info.lastModified() != null) {
            response.header(HttpHeaders.LAST_MODIFIED,
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(info.lastModified().atZone(ZoneOffset.UTC)));
        }
        return response;
    }

    private static Response notFound() {
        return Response.status(404).entity(Map.of("error", "no such symbol file")).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response unavailable(StorageException e) {
        return Response.status(503).entity(Map.of("error", "symbol storage unavailable: " + e.getMessage()))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
