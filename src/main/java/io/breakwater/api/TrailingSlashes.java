package io.breakwater.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;

/**
 * Socorro's API paths end in a slash ({@code /api/SuperSearch/}) and its tools (crashstats-tools, scripts
 * written against crash-stats) send them that way; the resources here are declared without it.
 */
public class TrailingSlashes {

    @ServerRequestFilter(preMatching = true)
    public void dropTrailingSlash(ContainerRequestContext context) {
        String path = context.getUriInfo().getPath();
        if (path.startsWith("/api/") && path.length() > "/api/".length() && path.endsWith("/")) {
            URI uri = context.getUriInfo().getRequestUri();
            String raw = uri.getRawPath();
            URI trimmed = URI.create(raw.substring(0, raw.length() - 1) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            context.setRequestUri(context.getUriInfo().getBaseUri(), trimmed);
        }
    }
}
