package io.breakwater.api;

import io.breakwater.jobs.SignatureFirstSeen;
import io.breakwater.jobs.SignatureFirstSeenStore;
import io.breakwater.processor.ProcessorDates;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/SignatureFirstDate?signatures=a&signatures=b}: when each signature was first seen (the
 * earliest submission time and the lowest numeric build id of its crashes). Unknown signatures are simply
 * not in {@code hits}.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.SIGNATURES)
public class SignatureFirstDateResource {

    private static final Logger LOG = Logger.getLogger(SignatureFirstDateResource.class);

    @Inject
    SignatureFirstSeenStore store;

    @GET
    @Path("SignatureFirstDate")
    @Operation(summary = "When signatures were first seen",
            description = "The earliest submission time and lowest build id of each signature's crashes. Unknown "
                    + "signatures are simply not in hits. Public.")
    @APIResponse(responseCode = "200", description = "{hits: [{signature, first_date, first_build}], total}")
    @APIResponse(responseCode = "400", description = "No signatures, or too many")
    @APIResponse(responseCode = "503", description = "The database is unavailable for now")
    public Response firstDates(@QueryParam("signatures") @Parameter(description = "A signature; repeat for several",
            required = true) List<String> signatures) {
        Set<String> wanted = new LinkedHashSet<>();
        if (signatures != null) {
            for (String s : signatures) {
                if (s != null && !s.isEmpty()) wanted.add(s);
            }
        }
        if (wanted.isEmpty()) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "signatures is required (repeat it for several)",
                    Map.of("parameter", "signatures"));
        }
        if (wanted.size() > SignatureFirstSeenStore.MAX_LOOKUP) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "at most " + SignatureFirstSeenStore.MAX_LOOKUP
                    + " signatures per request, got " + wanted.size(), Map.of("parameter", "signatures"));
        }
        List<SignatureFirstSeen> found;
        try {
            found = store.find(wanted);
        } catch (IllegalStateException e) {
            LOG.warnf("signature first dates: %s", e.getMessage());
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "the database is temporarily unavailable");
        }
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SignatureFirstSeen row : found) {
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("signature", row.signature());
            hit.put("first_date", ProcessorDates.format(row.firstDate()));
            hit.put("first_build", row.firstBuild() == null ? null : row.firstBuild().toString());
            hits.add(hit);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hits", hits);
        body.put("total", hits.size());
        return Response.ok(body).build();
    }
}
