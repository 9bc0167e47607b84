package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import io.breakwater.search.SearchAccess;

/** Who is looking at a page, as the access policy sees them; anonymous visitors see public data only. */
public record Viewer(Caller caller) {

    public static final Viewer ANONYMOUS = new Viewer(Caller.ANONYMOUS);

    public boolean mayViewProtected() {
        return caller.has(Permission.VIEW_PII);
    }

    /** Pages search like the unredacted endpoint: protected fields for those allowed to see them. */
    public SearchAccess access() {
        return AccessPolicy.searchAccess(caller, true);
    }

    public boolean anonymous() {
        return caller.isAnonymous();
    }
}
