package io.breakwater.access;

import io.breakwater.search.SearchAccess;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may do what, for the request being served: the caller, permission checks, and what Super Search
 * may touch. Field-level decisions about crash data are {@link CrashDataPolicy}'s.
 */
@ApplicationScoped
public class AccessPolicy {

    @Inject
    SecurityIdentity identity;

    /** The caller of the current request. */
    public Caller caller() {
        return Identities.caller(identity);
    }

    /** Throws {@link AccessDeniedException} unless the current caller holds {@code permission}. */
    public Caller require(Permission permission) {
        Caller caller = caller();
        if (!caller.has(permission)) {
            throw denied(caller, permission);
        }
        return caller;
    }

    /** Throws unless someone is signed in (or sends a token). */
    public Caller requireSignedIn() {
        Caller caller = caller();
        if (caller.isAnonymous()) {
            throw new AccessDeniedException(null, true, "this needs you to sign in");
        }
        return caller;
    }

    public static AccessDeniedException denied(Caller caller, Permission permission) {
        String what = permission.label().toLowerCase(java.util.Locale.ROOT);
        return new AccessDeniedException(permission, caller.isAnonymous(), caller.isAnonymous()
                ? "this needs the " + permission.code() + " permission (" + what + "): sign in, or send an API "
                  + "token holding it in the Auth-Token header"
                : caller.describe() + " does not have the " + permission.code() + " permission (" + what + ")");
    }

    /**
     * What a search by {@code caller} may touch: protected fields only through the unredacted endpoint
     * (or a page) and with {@link Permission#VIEW_PII}; long ranges with {@link Permission#RUN_LONG_QUERIES}.
     */
    public static SearchAccess searchAccess(Caller caller, boolean unredacted) {
        return new SearchAccess(unredacted && caller.has(Permission.VIEW_PII), caller.has(Permission.RUN_LONG_QUERIES));
    }
}
