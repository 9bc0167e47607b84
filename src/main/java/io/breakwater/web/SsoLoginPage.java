package io.breakwater.web;

import io.breakwater.access.RequestOrigins;
import io.breakwater.auth.AuthConfig;
import io.breakwater.auth.SessionCookies;
import io.breakwater.auth.SingleSignOn;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcSession;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;

/**
 * {@code /login/sso}: the one path that Quarkus OIDC guards (authorization code flow). Once the provider
 * has sent the person back, their ID token becomes a local account and a Breakwater session; the OIDC
 * session itself is dropped, so everything after uses the same sessions and permissions as a password
 * login.
 */
@Path("/login/sso")
@Produces("text/html")
@Blocking
public class SsoLoginPage {

    @Inject
    AuthConfig config;

    @Inject
    SingleSignOn sso;

    @Inject
    SessionCookies cookies;

    @Inject
    RequestOrigins origins;

    @Inject
    @IdToken
    Instance<JsonWebToken> idToken;

    @Inject
    Instance<OidcSession> oidcSession;

    @Context
    HttpServerRequest request;

    @GET
    public Response signIn(@QueryParam("next") String next) {
        if (!config.oidc().enabled()) {
            return Pages.error(404, "Single sign-on is not set up",
                    "This server has no single sign-on; log in with your e-mail address and password.");
        }
        JsonWebToken token = idToken.get();
        Object verified = token.getClaim("email_verified");
        SingleSignOn.ProviderIdentity who = new SingleSignOn.ProviderIdentity(token.getIssuer(), token.getSubject(),
                token.getClaim("email"), Boolean.TRUE.equals(verified) || "true".equals(String.valueOf(verified)),
                token.getClaim("name"));
        SingleSignOn.Result result = sso.signIn(who, origins.of(request).clientAddress(), request.getHeader("User-Agent"));
        oidcSession.get().logout().await().indefinitely();
        if (result instanceof SingleSignOn.Success success) {
            return Response.seeOther(URI.create(Links.safeNext(next)))
                    .cookie(cookies.session(request, success.session().cookieValue(), success.session().expiresAt()))
                    .build();
        }
        return Pages.error(403, "Single sign-on refused", ((SingleSignOn.Refused) result).message());
    }
}
