package io.breakwater.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.access.AccessPolicy;
import io.breakwater.access.Permission;
import io.breakwater.signature.SignatureListSet;
import io.breakwater.signaturerules.SignatureListStore;
import io.breakwater.signaturerules.SignatureRuleRunner;
import io.breakwater.signaturerules.SignatureRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/signature-lists}: preview edited signature lists over the crashes of the last days, apply
 * a preview (a new version, made active, and the changed crashes regenerated), roll back to any earlier
 * version, and follow the runs. Needs {@code admin}; a browser session also needs the CSRF header.
 */
@Path("/api/signature-lists")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Permission.Names.ADMIN)
@Tag(name = ApiDocument.ADMINISTRATION)
@SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.ADMIN)
public class SignatureListsResource {

    @Inject
    SignatureRules rules;

    @Inject
    AccessPolicy access;

    @GET
    @Operation(summary = "The signature lists in force, their versions and recent runs",
            description = "version 0 is the configured lists (BREAKWATER_SIGNATURE_LISTS_DIR or the bundled ones). Needs admin.")
    @APIResponse(responseCode = "200", description = "{in_force, versions, activations, runs}")
    public Map<String, Object> overview() {
        SignatureRules.InForce inForce = rules.inForce();
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("version_id", inForce.versionId());
        inForce.activation().ifPresent(a -> {
            current.put("activated_by", a.activatedBy());
            current.put("activated_at", a.activatedAt().toString());
        });
        current.put("lists", inForce.lists().byFileName());
        body.put("in_force", current);
        body.put("versions", rules.versions(100).stream().map(v -> Map.of("id", v.id(), "comment", v.comment(),
                "created_by", v.createdBy(), "created_at", v.createdAt().toString())).toList());
        body.put("activations", rules.activations(100).stream().map(a -> Map.of("version_id", a.versionId(),
                "activated_by", a.activatedBy(), "activated_at", a.activatedAt().toString())).toList());
        body.put("runs", rules.runs(20).stream().map(r -> runJson(r, false)).toList());
        return body;
    }

    @GET
    @Path("/versions/{id}")
    @Operation(summary = "One stored version of the signature lists", description = "The four files' texts. Needs admin.")
    @APIResponse(responseCode = "200", description = "{id, comment, created_by, created_at, lists}")
    @APIResponse(responseCode = "404", description = "No such version")
    public Response version(@PathParam("id") long id) {
        return rules.version(id).map(v -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", v.id());
            body.put("comment", v.comment());
            body.put("created_by", v.createdBy());
            body.put("created_at", v.createdAt().toString());
            body.put("lists", v.lists().byFileName());
            return Response.ok(body).build();
        }).orElseGet(() -> error(404, "no signature list version " + id));
    }

    @POST
    @Path("/previews")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview edited signature lists",
            description = "Replays the lists over the processed crashes received in the last days (default 7) "
                    + "without changing anything; files left out of lists keep the text in force. Answers 202 with "
                    + "the run; poll GET runs/{id} for progress and the report (splits, merges, renames with "
                    + "crash counts, examples and the old → new mapping). Needs admin.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "prefix", value = "{\"days\": 7, \"lists\": "
                    + "{\"prefix_signature_re.txt\": \"MyAllocator::alloc\\nmalloc\"}}")))
    @APIResponse(responseCode = "202", description = "The queued run")
    @APIResponse(responseCode = "400", description = "A bad list (file and line named), unknown file or bad days")
    public Response preview(JsonNode body) {
        if (body == null || !body.isObject()) return error(400, "body must be a JSON object {days, lists}");
        SignatureListSet lists = rules.inForce().lists();
        JsonNode files = body.path("lists");
        if (!files.isMissingNode() && !files.isObject()) return error(400, "lists must be an object of file name to text");
        for (var it = files.fields(); it.hasNext(); ) {
            var file = it.next();
            if (!lists.byFileName().containsKey(file.getKey())) {
                return error(400, "unknown list file " + file.getKey() + "; one of " + lists.byFileName().keySet());
            }
            if (!file.getValue().isTextual()) return error(400, "lists." + file.getKey() + " must be a string");
            lists = lists.with(file.getKey(), file.getValue().asText());
        }
        Integer days = days(body.get("days"));
        return Response.accepted(runJson(rules.preview(access.caller(), lists, days), true)).build();
    }

    @GET
    @Path("/runs/{id}")
    @Operation(summary = "A preview or apply run: state, progress and report", description = "Needs admin.")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public Response run(@PathParam("id") long id) {
        return rules.run(id).map(r -> Response.ok(runJson(r, true)).build())
                .orElseGet(() -> error(404, "no signature list run " + id));
    }

    @POST
    @Path("/runs/{id}/apply")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply a finished preview",
            description = "Stores the preview's lists as a new version, makes it active and queues "
                    + ":regenerate_signature for exactly the crashes the preview found changed. Answers 202 with "
                    + "the apply run; its report compares the stored signatures with the prediction. Audited. "
                    + "Body (optional): {\"comment\": \"why\"}. Needs admin.")
    @APIResponse(responseCode = "202", description = "The apply run")
    @APIResponse(responseCode = "400", description = "No such preview")
    @APIResponse(responseCode = "409", description = "The preview is not finished, or another apply is under way")
    public Response apply(@PathParam("id") long id, JsonNode body) {
        return Response.accepted(runJson(rules.apply(access.caller(), id, text(body, "comment")), true)).build();
    }

    @POST
    @Path("/versions/{id}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Roll back to an earlier version",
            description = "Makes the version active again and regenerates the signatures it changes among the "
                    + "crashes of the last days (default 7). Audited. Body (optional): {\"days\": 7, \"comment\": \"why\"}. "
                    + "Needs admin.")
    @APIResponse(responseCode = "202", description = "The apply run")
    @APIResponse(responseCode = "400", description = "No such version, or bad days")
    @APIResponse(responseCode = "409", description = "Another apply is under way")
    public Response rollback(@PathParam("id") long id, JsonNode body) {
        Integer days = body == null ? null : days(body.get("days"));
        return Response.accepted(runJson(rules.rollback(access.caller(), id, days, text(body, "comment")), true)).build();
    }

    @ServerExceptionMapper
    Response badInput(IllegalArgumentException e) {
        return error(400, e.getMessage());
    }

    @ServerExceptionMapper
    Response conflict(SignatureRules.Conflict e) {
        return error(409, e.getMessage());
    }

    /** The run as JSON; {@code withReport} adds the report (large for big changes). */
    static Map<String, Object> runJson(SignatureListStore.Run run, boolean withReport) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", run.id());
        body.put("kind", run.kind().name().toLowerCase());
        body.put("state", run.state().name().toLowerCase());
        body.put("days", run.days());
        body.put("requested_by", run.requestedBy());
        body.put("created_at", run.createdAt().toString());
        body.put("started_at", run.startedAt() == null ? null : run.startedAt().toString());
        body.put("finished_at", run.finishedAt() == null ? null : run.finishedAt().toString());
        body.put("progress", Map.of("crashes", run.total(), "replayed", run.done()));
        if (run.kind() == SignatureListStore.Kind.APPLY) {
            body.put("version_id", run.versionId());
            body.put("preview_run_id", run.previewRunId());
            body.put("comment", run.comment());
            body.put("regeneration", Map.of("queued", run.queued(), "regenerated", run.regenerated(), "parked", run.failed()));
        }
        if (run.error() != null) body.put("error", run.error());
        if (withReport) {
            SignatureRuleRunner.Result result = SignatureRuleRunner.result(run);
            if (result != null) {
                body.put("skipped", result.skipped());
                body.put("report", result.predicted());
                if (result.actual() != null) {
                    body.put("outcome", result.actual());
                    body.put("prediction_held", result.matches());
                }
            }
        }
        return body;
    }

    private static Integer days(JsonNode days) {
        if (days == null || days.isNull()) return null;
        if (!days.canConvertToInt() || !days.isIntegralNumber()) throw new IllegalArgumentException("days must be a whole number");
        return days.asInt();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

}
