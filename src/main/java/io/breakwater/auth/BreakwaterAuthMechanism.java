package io.breakwater.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Breakwater's one way in: an {@code Auth-Token} header (scripts, CI; Socorro's header) or the session
 * cookie set at login (browsers). A token wins over a cookie. Requests with neither are anonymous without
 * touching the database, which keeps {@code /submit} free of any cost here.
 */
@ApplicationScoped
public class BreakwaterAuthMechanism implements HttpAuthenticationMechanism {

    public static final String TOKEN_HEADER = "Auth-Token";
    public static final String SESSION_COOKIE = "bw_session";
    static final String COLLECTOR_PATH = "/submit";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (COLLECTOR_PATH.equals(context.normalizedPath())) {
            return Uni.createFrom().nullItem(); // crash reporters are anonymous; whatever they send is ignored
        }
        String token = context.request().getHeader(TOKEN_HEADER);
        if (token == null && isSymbolUploadTool(context.normalizedPath())) {
            // Breakpad's symupload cannot send headers: it passes its key in the query string.
            token = context.request().getParam("key");
            if (token == null) {
                token = context.request().getParam("api_key");
            }
        }
        if (token != null) {
            return identities.authenticate(new Credentials.TokenRequest(token.strip()));
        }
        Cookie session = context.request().getCookie(SESSION_COOKIE);
        if (session != null && !session.getValue().isEmpty()) {
            return identities.authenticate(new Credentials.SessionRequest(session.getValue()));
        }
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Auth-Token realm=\"breakwater\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(Credentials.TokenRequest.class, Credentials.SessionRequest.class);
    }

    /** The endpoints Breakpad's symupload talks to (v1: the upload form; v2: its own API). */
    static boolean isSymbolUploadTool(String path) {
        return path != null && (path.equals("/api/upload-symbols") || path.startsWith("/api/symupload/"));
    }

    /** Before any other mechanism (single sign-on's), so that our credentials always decide. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, TOKEN_HEADER));
    }
}
