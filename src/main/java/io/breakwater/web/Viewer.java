package io.breakwater.web;

import io.breakwater.search.SearchAccess;
import jakarta.ws.rs.core.SecurityContext;

/** Who is looking at a page: anonymous visitors see public data only. */
public record Viewer(String name, boolean mayViewProtected) {

    public static final Viewer ANONYMOUS = new Viewer(null, false);

    public static Viewer of(SecurityContext security) {
        if (security == null || security.getUserPrincipal() == null) {
            return ANONYMOUS;
        }
        return new Viewer(security.getUserPrincipal().getName(),
                security.isUserInRole(SearchAccess.PROTECTED_DATA_PERMISSION));
    }

    public SearchAccess access() {
        return mayViewProtected ? SearchAccess.PROTECTED_ALLOWED : SearchAccess.PUBLIC_ONLY;
    }

    public boolean anonymous() {
        return name == null;
    }
}
