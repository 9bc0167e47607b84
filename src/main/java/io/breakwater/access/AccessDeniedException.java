package io.breakwater.access;

/**
 * The caller lacks a permission. Anonymous callers get 401 (sign in or send a token), others 403; pages
 * send anonymous visitors to the login page instead.
 */
public class AccessDeniedException extends RuntimeException {

    private final Permission permission;
    private final boolean anonymous;

    public AccessDeniedException(Permission permission, boolean anonymous, String message) {
        super(message);
        this.permission = permission;
        this.anonymous = anonymous;
    }

    /** The permission that was needed; null when signing in is all that is needed. */
    public Permission permission() {
        return permission;
    }

    public boolean anonymous() {
        return anonymous;
    }
}
