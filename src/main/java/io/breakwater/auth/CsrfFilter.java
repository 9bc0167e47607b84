package io.breakwater.auth;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.util.Set;

/**
 * Anti-forgery for everything a browser session can change: a state-changing request that is
 * authenticated by the session cookie must carry the session's token, as the form field
 * {@value #FORM_FIELD} (every form the pages render has it) or the header {@value #HEADER}. Requests
 * with an API token, or anonymous ones, carry no ambient credential a forger could borrow, so they need
 * none. Endpoints that read their body as a stream never parse a form, so for them only the header counts.
 */
public class CsrfFilter {

    public static final String FORM_FIELD = "csrf_token";
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Inject
    AccessPolicy access;

    @ServerRequestFilter
    public void checkSessionForms(ResteasyReactiveContainerRequestContext context) {
        if (SAFE_METHODS.contains(context.getMethod())) {
            return;
        }
        Caller caller = access.caller();
        if (caller.via() != Caller.Via.SESSION) {
            return;
        }
        if (Secrets.sameSecret(caller.csrfToken(), context.getHeaderString(HEADER))) {
            return;
        }
        // Filled only when the endpoint declares form parameters, which makes the form be read before filters.
        Object field = ((ResteasyReactiveRequestContext) context.getServerRequestContext())
                .getFormParameter(FORM_FIELD, true, false);
        if (field instanceof String token && Secrets.sameSecret(caller.csrfToken(), token)) {
            return;
        }
        throw new CsrfRejectedException(field == null && context.getHeaderString(HEADER) == null
                ? "this form carries no anti-forgery token; reload the page and try again"
                : "this form's anti-forgery token does not belong to your session; reload the page and try again");
    }
}
