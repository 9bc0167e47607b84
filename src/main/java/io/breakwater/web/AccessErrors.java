package io.breakwater.web;

import io.breakwater.access.AccessDeniedException;
import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import io.breakwater.access.RateLimitedException;
import io.breakwater.auth.CsrfRejectedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How refusals look, for every resource: JSON with a reason for the API (401 for anonymous callers, 403
 * for callers lacking a permission, 429 with Retry-After), pages for browsers, and a trip to the login
 * page for anonymous visitors of a page that needs an account.
 */
public class AccessErrors {

    @Inject
    AccessPolicy access;

    @ServerExceptionMapper
    public Response denied(AccessDeniedException e, UriInfo uri) {
        return refuse(e.anonymous(), e.permission(), e.getMessage(), uri);
    }

    /** {@code @RolesAllowed} / {@code @Authenticated} on a resource refused an anonymous caller. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, SimpleResourceInfo resource) {
        Optional<Permission> needed = neededPermission(resource);
        Caller caller = access.caller();
        return needed.map(p -> refuse(true, p, AccessPolicy.denied(caller, p).getMessage(), uri))
                .orElseGet(() -> refuse(true, null, "this needs you to sign in, or an API token in the Auth-Token header", uri));
    }

    /** {@code @RolesAllowed} refused a signed-in caller. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        Caller caller = access.caller();
        Optional<Permission> needed = neededPermission(resource);
        return refuse(caller.isAnonymous(), needed.orElse(null), needed
                .map(p -> AccessPolicy.denied(caller, p).getMessage())
                .orElse("you are not allowed to do this"), uri);
    }

    @ServerExceptionMapper
    public Response forged(CsrfRejectedException e, UriInfo uri) {
        return isApi(uri) ? json(403, e.getMessage(), null)
                : Pages.error(403, "Form expired", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tooMany(RateLimitedException e, UriInfo uri) {
        Response r = isApi(uri) ? json(429, "too many requests: " + e.getMessage(), null)
                : Pages.error(429, "Too many requests", "Too many requests: " + e.getMessage()
                        + ". Please wait a moment.");
        return Response.fromResponse(r).header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }

    private Response refuse(boolean anonymous, Permission permission, String message, UriInfo uri) {
        if (isApi(uri)) {
            Response r = json(anonymous ? 401 : 403, message, permission);
            return anonymous ? Response.fromResponse(r)
                    .header("WWW-Authenticate", "Auth-Token realm=\"breakwater\"").build() : r;
        }
        if (anonymous) {
            return Response.seeOther(URI.create(Links.login(uri.getRequestUri().getRawPath()
                    + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery()))))
                    .build();
        }
        return Pages.error(403, "Not allowed", message);
    }

    private static Response json(int status, String message, Permission permission) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (permission != null) {
            body.put("permission_needed", permission.code());
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    static boolean isApi(UriInfo uri) {
        String path = uri.getPath();
        return path.startsWith("/api/") || path.startsWith("/symbols/") || path.equals("/submit");
    }

    private static Optional<Permission> neededPermission(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return Optional.empty();
        }
        RolesAllowed roles = null;
        try {
            Method m = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
            roles = m.getAnnotation(RolesAllowed.class);
        } catch (NoSuchMethodException ignored) {
            // fall back to the class
        }
        if (roles == null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? Optional.empty()
                : Arrays.stream(roles.value()).map(Permission::byCode).flatMap(Optional::stream).findFirst();
    }
}
