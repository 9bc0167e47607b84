package io.breakwater.symbolstore;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Changing symbols (upload, delete) needs the {@code upload_symbols} permission, from any address.
 * Checked before the request is matched, so a refused upload is not read (or spooled) first.
 */
public class SymbolWriteAccess {

    @Inject
    AccessPolicy access;

    @ServerRequestFilter(preMatching = true)
    public void requireUploadPermission(ContainerRequestContext context) {
        if (isSymbolWrite(context.getMethod(), context.getUriInfo().getPath())) {
            access.require(Permission.UPLOAD_SYMBOLS);
        }
    }

    static boolean isSymbolWrite(String method, String path) {
        if (path == null) {
            return false;
        }
        String p = path.startsWith("/") ? path : "/" + path;
        if (p.equals("/api/upload-symbols") || p.startsWith("/api/upload-symbols/") || p.startsWith("/api/symupload/")) {
            return true;
        }
        return p.startsWith("/symbols/") && !"GET".equalsIgnoreCase(method) && !"HEAD".equalsIgnoreCase(method)
                && !"OPTIONS".equalsIgnoreCase(method);
    }
}
