package io.breakwater.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import io.breakwater.processor.ProcessorDates;
import io.breakwater.triage.HistoryEntry;
import io.breakwater.triage.SignatureStatus;
import io.breakwater.triage.SignatureStatusStore;
import io.breakwater.triage.SignatureTriage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/SignatureStatus}: a signature's place in the workflow (status, fixed-in version, assignee,
 * note, bug links, regression) and its history. Reading is public (assignees, notes and who changed what
 * for signed-in callers only); changing needs {@code manage_signatures}.
 */
@Path("/api/SignatureStatus")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.SIGNATURES)
public class SignatureStatusResource {

    private static final Logger LOG = Logger.getLogger(SignatureStatusResource.class);
    static final int HISTORY = 200;

    @Inject
    SignatureStatusStore store;

    @Inject
    SignatureTriage triage;

    @Inject
    AccessPolicy access;

    @GET
    @Operation(summary = "A signature's status and history",
            description = "Status (new, open, fixed, ignored), fixed_version, bug_links, the regression flag (a crash "
                    + "of the fixed version or later arrived) and the history of changes, oldest first. Assignee, "
                    + "note and who made each change only for signed-in callers. Public.")
    @APIResponse(responseCode = "200", description = "{signature, status, fixed_version, assignee, note, bug_links, "
            + "regression, regressed_version, regressed_crash_id, regressed_at, updated_at, updated_by, history}")
    @APIResponse(responseCode = "400", description = "No signature")
    @APIResponse(responseCode = "503", description = "The database is unavailable for now")
    public Response get(@QueryParam("signature") @Parameter(description = "The signature", required = true)
                        String signature) {
        if (signature == null || signature.isEmpty()) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "signature is required", Map.of("parameter", "signature"));
        }
        try {
            return Response.ok(body(store.find(signature), store.history(signature, HISTORY), access.caller())).build();
        } catch (IllegalStateException e) {
            LOG.warnf("signature status: %s", e.getMessage());
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "the database is temporarily unavailable");
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permission.Names.MANAGE_SIGNATURES)
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.MANAGE_SIGNATURES)
    @Operation(summary = "Set a signature's status",
            description = "{signature, status: new|open|fixed|ignored, fixed_version (required for fixed; later crashes "
                    + "of this or a later version flag a regression), assignee, note (kept in the history), "
                    + "bug_links: [http(s) URLs]}. Replaces assignee and bug links; a missing note keeps the last "
                    + "one. A new status or fixed version clears the regression flag. Needs manage_signatures; audited.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "fixed", value = "{\"signature\": \"crash_me\", \"status\": \"fixed\", "
                    + "\"fixed_version\": \"1.2.0\", \"assignee\": \"dev@example.com\", \"note\": \"null check\", "
                    + "\"bug_links\": [\"https://bugs.example.com/123\"]}")))
    @APIResponse(responseCode = "200", description = "The status after the change, as GET answers it")
    @APIResponse(responseCode = "400", description = "Bad input, with the reason")
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "The token lacks manage_signatures")
    public Response json(JsonNode body) {
        if (body == null || !body.isObject()) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "body must be a JSON object {signature, status, ...}");
        }
        List<String> links = new ArrayList<>();
        JsonNode l = body.get("bug_links");
        if (l != null && l.isArray()) {
            for (JsonNode link : l) {
                if (!link.isTextual()) return ApiErrors.error(Response.Status.BAD_REQUEST, "bug_links must be strings");
                links.add(link.asText());
            }
        } else if (l != null && l.isTextual()) {
            links.add(l.asText());
        } else if (l != null && !l.isNull()) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "bug_links must be a list of URLs");
        }
        for (String field : List.of("signature", "status", "fixed_version", "assignee", "note")) {
            JsonNode v = body.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) {
                return ApiErrors.error(Response.Status.BAD_REQUEST, field + " must be a string",
                        Map.of("parameter", field));
            }
        }
        return change(text(body, "signature"), text(body, "status"), text(body, "fixed_version"),
                text(body, "assignee"), text(body, "note"), links);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Permission.Names.MANAGE_SIGNATURES)
    @SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.MANAGE_SIGNATURES)
    @Operation(summary = "Set a signature's status",
            description = "As the JSON form, as form fields; bug_links repeated or separated by white space. "
                    + "Needs manage_signatures; audited.")
    @APIResponse(responseCode = "200", description = "The status after the change, as GET answers it")
    @APIResponse(responseCode = "400", description = "Bad input, with the reason")
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "The token lacks manage_signatures")
    public Response form(@FormParam("signature") String signature, @FormParam("status") String status,
                         @FormParam("fixed_version") String fixedVersion, @FormParam("assignee") String assignee,
                         @FormParam("note") String note, @FormParam("bug_links") List<String> bugLinks) {
        return change(signature, status, fixedVersion, assignee, note, bugLinks);
    }

    private Response change(String signature, String status, String fixedVersion, String assignee, String note,
                            List<String> bugLinks) {
        Caller caller = access.caller();
        try {
            SignatureStatus after = triage.change(caller, signature, status, fixedVersion, assignee, note, bugLinks);
            return Response.ok(body(after, store.history(signature, HISTORY), caller)).build();
        } catch (IllegalArgumentException e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            LOG.warnf("signature status change: %s", e.getMessage());
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "the database is temporarily unavailable");
        }
    }

    static Map<String, Object> body(SignatureStatus s, List<HistoryEntry> history, Caller caller) {
        boolean details = SignatureTriage.mayReadDetails(caller);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signature", s.signature());
        out.put("status", s.status().code());
        out.put("fixed_version", s.fixedVersion());
        if (details) {
            out.put("assignee", s.assignee());
            out.put("note", s.note());
        }
        out.put("bug_links", s.bugLinks());
        out.put("regression", s.regression());
        out.put("regressed_version", s.regressedVersion());
        out.put("regressed_crash_id", s.regressedCrashId());
        out.put("regressed_at", date(s.regressedAt()));
        out.put("updated_at", date(s.updatedAt()));
        if (details) out.put("updated_by", s.updatedBy());
        List<Map<String, Object>> events = new ArrayList<>();
        for (HistoryEntry h : history) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("at", date(h.at()));
            e.put("event", h.event().name().toLowerCase(Locale.ROOT));
            if (details) e.put("actor", h.actor());
            e.put("from", h.fromStatus());
            e.put("to", h.toStatus());
            e.put("fixed_version", h.fixedVersion());
            e.put("version", h.version());
            e.put("crash_id", h.crashId());
            if (details) e.put("note", h.note());
            events.add(e);
        }
        out.put("history", events);
        return out;
    }

    private static String date(Instant at) {
        return at == null ? null : ProcessorDates.format(at);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
