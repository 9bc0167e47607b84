package io.breakwater.web;

import io.breakwater.access.AccessPolicy;
import io.breakwater.auth.CsrfFilter;
import io.breakwater.auth.SessionForms;
import io.breakwater.triage.SignatureTriage;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;

/**
 * {@code POST /signature/status}: the signature page's status form (no script needed). Needs
 * {@code manage_signatures}; goes back to the signature page, whose history then shows the change.
 */
@Path("/signature/status")
@SessionForms
@Produces("text/html")
@Blocking
public class SignatureStatusForm {

    private static final Logger LOG = Logger.getLogger(SignatureStatusForm.class);

    @Inject
    AccessPolicy access;

    @Inject
    SignatureTriage triage;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam(CsrfFilter.FORM_FIELD) String csrf, @FormParam("signature") String signature,
                         @FormParam("status") String status, @FormParam("fixed_version") String fixedVersion,
                         @FormParam("assignee") String assignee, @FormParam("note") String note,
                         @FormParam("bug_links") List<String> bugLinks) {
        try {
            triage.change(access.caller(), signature, status, fixedVersion, assignee, note, bugLinks);
        } catch (IllegalArgumentException e) {
            return Pages.error(400, "Status not saved", "The status was not saved: " + e.getMessage() + ".");
        } catch (IllegalStateException e) {
            LOG.warnf("signature status form: %s", e.getMessage());
            return Pages.error(503, "Status not saved", "The database is temporarily unavailable; please try again.");
        }
        return Response.seeOther(URI.create(Links.signature(signature) + "#status")).build();
    }
}
