package io.breakwater.auth;

import io.breakwater.access.AccessPolicy;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * The page-form half of {@link CsrfFilter}: bound to {@link SessionForms} resources only, because reading
 * the form before the filters would otherwise also read bodies that endpoints stream (crash uploads).
 */
@SessionForms
public class CsrfFormFilter {

    @Inject
    AccessPolicy access;

    @ServerRequestFilter
    @WithFormRead
    @SessionForms
    public void checkForm(ResteasyReactiveContainerRequestContext context) {
        if (CsrfFilter.SAFE_METHODS.contains(context.getMethod())) {
            return;
        }
        Object field = ((ResteasyReactiveRequestContext) context.getServerRequestContext())
                .getFormParameter(CsrfFilter.FORM_FIELD, true, false);
        CsrfFilter.check(access.caller(), context.getHeaderString(CsrfFilter.HEADER), field);
    }
}
