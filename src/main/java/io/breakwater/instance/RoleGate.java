package io.breakwater.instance;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;

/**
 * An instance without the collector role does not take crashes, and one without the web role serves no
 * pages or API (health checks stay, so load balancers can see it). 404 with the reason, so a
 * misrouted client learns where it went wrong.
 */
@jakarta.enterprise.context.ApplicationScoped
public class RoleGate {

    @Inject
    Roles roles;

    @ServerRequestFilter(preMatching = true)
    public Response byRole(ContainerRequestContext context) {
        String path = context.getUriInfo().getPath();
        boolean collector = path.equals("/submit") || path.startsWith("/submit/");
        boolean health = path.startsWith("/__") || path.startsWith("/q/");
        if (collector && !roles.has(Roles.Role.COLLECTOR)) {
            return refuse("this instance does not take crash reports (its roles: " + roles.roles() + ")");
        }
        if (!collector && !health && !roles.has(Roles.Role.WEB)) {
            return refuse("this instance serves no pages or API (its roles: " + roles.roles() + ")");
        }
        return null;
    }

    private static Response refuse(String reason) {
        return Response.status(404).type(MediaType.APPLICATION_JSON).entity(Map.of("error", reason)).build();
    }
}
