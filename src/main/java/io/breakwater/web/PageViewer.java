package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The signed-in user as the page layout shows them ({@code inject:viewer} in templates): the account
 * links and the logout form, which carries the session's anti-forgery token.
 */
@Named("viewer")
@RequestScoped
public class PageViewer {

    @Inject
    AccessPolicy access;

    private Caller caller;

    private Caller caller() {
        if (caller == null) {
            caller = access.caller();
        }
        return caller;
    }

    public boolean signedIn() {
        return caller().via() == Caller.Via.SESSION;
    }

    public String name() {
        return Text.bounded(caller().name());
    }

    public String csrf() {
        String token = caller().csrfToken();
        return token == null ? "" : token;
    }

    public boolean admin() {
        return caller().has(Permission.ADMIN);
    }
}
