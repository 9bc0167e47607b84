package io.breakwater.auth;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Set;

/**
 * Anti-forgery for everything a browser session can change: a state-changing request authenticated by
 * the session cookie must carry the session's token, either in the header {@value #HEADER} or, on the
 * page forms ({@link SessionForms}), as the form field {@value #FORM_FIELD} (every form the pages render
 * has it). Requests with an API token, and anonymous ones, carry no ambient credential a forger could
 * borrow, so they need none.
 */
public class CsrfFilter {

    public static final String FORM_FIELD = "csrf_token";
    public static final String HEADER = "X-CSRF-Token";
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Inject
    AccessPolicy access;

    /** Everything but the page forms: the header is the only way. */
    @ServerRequestFilter
    public void checkHeader(ContainerRequestContext context, SimpleResourceInfo resource) {
        if (SAFE_METHODS.contains(context.getMethod()) || isPageForm(resource)) {
            return;
        }
        Caller caller = access.caller();
        if (caller.via() == Caller.Via.SESSION
                && !Secrets.sameSecret(caller.csrfToken(), context.getHeaderString(HEADER))) {
            throw new CsrfRejectedException(context.getHeaderString(HEADER) == null
                    ? "a change made with a browser session needs the session's anti-forgery token in the " + HEADER
                      + " header (or send an API token instead of the session cookie)"
                    : "the anti-forgery token in the " + HEADER + " header does not belong to your session; reload "
                      + "the page and try again");
        }
    }

    static boolean isPageForm(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return false;
        }
        if (resource.getResourceClass().isAnnotationPresent(SessionForms.class)) {
            return true;
        }
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes())
                    .isAnnotationPresent(SessionForms.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static void check(Caller caller, String header, Object formField) {
        if (caller.via() != Caller.Via.SESSION) {
            return;
        }
        if (Secrets.sameSecret(caller.csrfToken(), header)) {
            return;
        }
        if (formField instanceof String token && Secrets.sameSecret(caller.csrfToken(), token)) {
            return;
        }
        throw new CsrfRejectedException(formField == null && header == null
                ? "this form carries no anti-forgery token; reload the page and try again"
                : "this form's anti-forgery token does not belong to your session; reload the page and try again");
    }
}
