package io.breakwater.auth;

import io.breakwater.access.RequestOrigins;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The session cookie: HttpOnly (scripts never see it), SameSite=Lax (not sent with cross-site posts),
 * Secure when the browser reached us over TLS, and path {@code /}.
 */
@ApplicationScoped
public class SessionCookies {

    @Inject
    AuthConfig config;

    @Inject
    RequestOrigins origins;

    public NewCookie session(HttpServerRequest request, String value, Instant expires) {
        return cookie(request, BreakwaterAuthMechanism.SESSION_COOKIE, value,
                (int) Math.max(1, Duration.between(Instant.now(), expires).toSeconds()), expires);
    }

    public NewCookie expired(HttpServerRequest request) {
        return cookie(request, BreakwaterAuthMechanism.SESSION_COOKIE, "", 0, Instant.EPOCH);
    }

    /** The short-lived cookie that binds the login form to the browser that loaded it. */
    public NewCookie loginForm(HttpServerRequest request, String value) {
        return cookie(request, LOGIN_CSRF_COOKIE, value, 3600, Instant.now().plusSeconds(3600));
    }

    public NewCookie loginFormExpired(HttpServerRequest request) {
        return cookie(request, LOGIN_CSRF_COOKIE, "", 0, Instant.EPOCH);
    }

    public static final String LOGIN_CSRF_COOKIE = "bw_login";

    boolean secure(HttpServerRequest request) {
        return switch (config.session().secureCookie()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> origins.of(request).secure();
        };
    }

    private NewCookie cookie(HttpServerRequest request, String name, String value, int maxAge, Instant expires) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .expiry(Date.from(expires))
                .httpOnly(true)
                .secure(secure(request))
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
