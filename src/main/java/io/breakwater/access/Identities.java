package io.breakwater.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * How a {@link Caller} travels in a Quarkus {@link SecurityIdentity}: as an attribute, with its permission
 * codes as roles (so {@code @RolesAllowed} works too). Authentication ({@code io.breakwater.auth}) builds
 * them; everything else reads them here.
 */
public final class Identities {

    static final String CALLER = "breakwater.caller";
    /** Set on an anonymous identity when the request presented a credential that is not valid. */
    static final String CREDENTIAL_ERROR = "breakwater.credential-error";
    /** Set on an anonymous identity when the session cookie names no live session. */
    static final String STALE_SESSION = "breakwater.stale-session";
    /** The credential-error value when the account database could not be asked. */
    public static final String AUTH_UNAVAILABLE = "account database unavailable";

    private Identities() {
    }

    public static SecurityIdentity of(Caller caller) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()))
                .addAttribute(CALLER, caller);
        caller.permissions().forEach(p -> builder.addRole(p.code()));
        return builder.build();
    }

    /** Anonymous, because the presented API token is not valid; requests are refused with {@code reason}. */
    public static SecurityIdentity rejectedCredential(String reason) {
        return QuarkusSecurityIdentity.builder().setAnonymous(true).addAttribute(CREDENTIAL_ERROR, reason).build();
    }

    /** Anonymous, because the credential could not be checked; requests are answered 503. */
    public static SecurityIdentity checkUnavailable() {
        return rejectedCredential(AUTH_UNAVAILABLE);
    }

    /** Anonymous, and the browser's session cookie should be cleared. */
    public static SecurityIdentity staleSession() {
        return QuarkusSecurityIdentity.builder().setAnonymous(true).addAttribute(STALE_SESSION, Boolean.TRUE).build();
    }

    public static Caller caller(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        Object caller = identity.getAttribute(CALLER);
        return caller instanceof Caller c ? c : Caller.ANONYMOUS;
    }

    public static String credentialError(SecurityIdentity identity) {
        return identity == null ? null : identity.getAttribute(CREDENTIAL_ERROR);
    }

    public static boolean staleSession(SecurityIdentity identity) {
        return identity != null && Boolean.TRUE.equals(identity.getAttribute(STALE_SESSION));
    }
}
