package io.breakwater.symbolstore;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Until permissions exist, changing symbols (upload, delete) is allowed only from this machine. Checked
 * before the request is matched, so a refused upload is not read (or spooled) first.
 */
public class SymbolWriteAccess {

    @ServerRequestFilter(preMatching = true)
    public Response refuseRemoteWrites(ContainerRequestContext context, HttpServerRequest request) {
        if (!isSymbolWrite(context.getMethod(), context.getUriInfo().getPath())) {
            return null;
        }
        SocketAddress peer = request.remoteAddress();
        if (peer != null && isLoopback(peer.hostAddress())) {
            return null;
        }
        return Response.status(403)
                .entity(Map.of("error", "changing symbols is only allowed from this machine until permissions exist"))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    static boolean isSymbolWrite(String method, String path) {
        if (path == null) {
            return false;
        }
        String p = path.startsWith("/") ? path : "/" + path;
        if (p.equals("/api/upload-symbols") || p.startsWith("/api/upload-symbols/")) {
            return true;
        }
        return p.startsWith("/symbols/") && !"GET".equalsIgnoreCase(method) && !"HEAD".equalsIgnoreCase(method)
                && !"OPTIONS".equalsIgnoreCase(method);
    }

    /** True for an IP literal of this machine (127.0.0.0/8, ::1); host names are never resolved. */
    public static boolean isLoopback(String hostAddress) {
        if (hostAddress == null || hostAddress.isEmpty() || !hostAddress.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(hostAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
