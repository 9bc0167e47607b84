package io.breakwater.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is asking, as the access policy sees it: anonymous, a signed-in user (browser session) or a
 * machine holding an API token. {@code permissions} are the effective ones for this request (for a
 * token: what the token was given and its owner still has).
 *
 * @param csrfToken the session's anti-forgery token (sessions only), which its forms must send back
 */
public record Caller(Via via, Long accountId, String name, Set<Permission> permissions, Long tokenId,
                     String csrfToken) {

    /** How the caller proved who they are; SYSTEM is the server's own command line. */
    public enum Via {
        ANONYMOUS, SESSION, TOKEN, SYSTEM
    }

    public static final Caller ANONYMOUS = new Caller(Via.ANONYMOUS, null, null, Set.of(), null, null);

    public Caller {
        permissions = permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    public static Caller session(long accountId, String name, Set<Permission> permissions, String csrfToken) {
        return new Caller(Via.SESSION, accountId, name, permissions, null, csrfToken);
    }

    public static Caller token(long accountId, String name, Set<Permission> permissions, long tokenId) {
        return new Caller(Via.TOKEN, accountId, name, permissions, tokenId, null);
    }

    /** The operator at the server's command line (audit entries of {@code admin} commands). */
    public static Caller system(String name) {
        return new Caller(Via.SYSTEM, null, name, Permission.all(), null, null);
    }

    public boolean isAnonymous() {
        return via == Via.ANONYMOUS;
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** For logs and the audit trail: the account, and the token when one was used. */
    public String describe() {
        return switch (via) {
            case ANONYMOUS -> "anonymous";
            case SESSION -> name;
            case TOKEN -> name + " (token " + tokenId + ")";
            case SYSTEM -> name + " (command line)";
        };
    }
}
