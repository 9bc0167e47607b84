package io.breakwater.web;

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
public class SymbolDownloadResource {

    private static final String SYMBOL_TYPE = "text/plain; charset=utf-8";

    @Inject
    SymbolObjects objects;

    @Inject
    SymbolStore store;

    @GET
    @Blocking
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
