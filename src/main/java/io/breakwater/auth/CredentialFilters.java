package io.breakwater.auth;

import io.breakwater.access.Identities;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;

/**
 * What happens to requests whose credential did not check out: a bad API token is refused with the
 * reason (a script should fail loudly rather than quietly see less), a dead session cookie is cleared
 * and the browser carries on anonymously.
 */
public class CredentialFilters {

    @Inject
    SecurityIdentity identity;

    @Inject
    SessionCookies cookies;

    @ServerRequestFilter(preMatching = true)
    public Response refuseBadTokens(ContainerRequestContext context) {
        String error = Identities.credentialError(identity);
        if (error == null) {
            return null;
        }
        if (error.equals(Identities.AUTH_UNAVAILABLE)) {
            return Response.status(503).header("Retry-After", "10").type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "the account database is unavailable; try again shortly")).build();
        }
        return Response.status(401).header("WWW-Authenticate", "Auth-Token realm=\"breakwater\"")
                .type(MediaType.APPLICATION_JSON).entity(Map.of("error", error)).build();
    }

    @ServerResponseFilter
    public void clearDeadSessionCookie(ContainerResponseContext response, HttpServerRequest request) {
        if (Identities.staleSession(identity) && !response.getHeaders().containsKey("Set-Cookie")) {
            NewCookie expired = cookies.expired(request);
            response.getHeaders().add("Set-Cookie", expired);
        }
    }
}
