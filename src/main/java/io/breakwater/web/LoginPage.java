package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import io.breakwater.access.RateLimits;
import io.breakwater.access.RequestOrigins;
import io.breakwater.auth.Logins;
import io.breakwater.auth.Secrets;
import io.breakwater.auth.SessionCookies;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * {@code /login}. The login form is bound to the browser that loaded it by a
 * short-lived cookie whose value the form repeats (there is no session yet to bind it to), so another
 * site cannot sign a visitor into an account of its choosing.
 */
@Path("/login")
@Produces("text/html")
@Blocking
public class LoginPage {

    static final String LOGIN_TOKEN_FIELD = "login_token";

    @Inject
    Logins logins;

    @Inject
    SessionCookies cookies;

    @Inject
    AccessPolicy access;

    @Inject
    RateLimits rateLimits;

    @Inject
    RequestOrigins origins;

    @Inject
    io.breakwater.auth.AuthConfig authConfig;

    @Context
    HttpServerRequest request;

    @GET
    public Response form(@QueryParam("next") String next) {
        if (access.caller().via() == Caller.Via.SESSION) {
            return Response.seeOther(URI.create(Links.safeNext(next))).build();
        }
        return form(next, null, null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("email") String email, @FormParam("password") String password,
                          @FormParam(LOGIN_TOKEN_FIELD) String loginToken, @FormParam("next") String next,
                          @CookieParam(SessionCookies.LOGIN_CSRF_COOKIE) String loginCookie) {
        rateLimits.limitLogin(request);
        if (!Secrets.sameSecret(loginCookie, loginToken)) {
            return form(next, email, "The login form expired or came from another site; please sign in again.", 403);
        }
        Logins.Result result = logins.login(email, password, origins.of(request).clientAddress(),
                request.getHeader("User-Agent"));
        if (result instanceof Logins.Success success) {
            return Response.seeOther(URI.create(Links.safeNext(next)))
                    .cookie(cookies.session(request, success.session().cookieValue(), success.session().expiresAt()),
                            cookies.loginFormExpired(request))
                    .build();
        }
        return form(next, email, ((Logins.Failure) result).message(), 401);
    }

    private Response form(String next, String email, String error, int status) {
        String token = Secrets.newOpaque();
        String sso = authConfig.oidc().enabled()
                ? new Query().add("next", Links.safeNext(next)).url("/login/sso") : null;
        AccountViews.Login view = new AccountViews.Login(Links.safeNext(next), token,
                email == null ? "" : Text.bounded(email), error, sso, Text.bounded(authConfig.oidc().label()));
        return Response.status(status).type(Pages.HTML).entity(Pages.login(view).render())
                .cookie(cookies.loginForm(request, token)).build();
    }
}
