package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.auth.BreakwaterAuthMechanism;
import io.breakwater.auth.CsrfFilter;
import io.breakwater.auth.Logins;
import io.breakwater.auth.SessionCookies;
import io.breakwater.auth.SessionForms;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** {@code POST /logout}: ends the session (server side) and clears its cookie. */
@Path("/logout")
@SessionForms
@Blocking
public class LogoutPage {

    @Inject
    Logins logins;

    @Inject
    SessionCookies cookies;

    @Inject
    AccessPolicy access;

    @Context
    HttpServerRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@FormParam(CsrfFilter.FORM_FIELD) String csrfToken,
                           @CookieParam(BreakwaterAuthMechanism.SESSION_COOKIE) String session) {
        // The anti-forgery token was checked by CsrfFilter before this runs.
        logins.logout(session, access.caller());
        return Response.seeOther(URI.create("/")).cookie(cookies.expired(request)).build();
    }
}
