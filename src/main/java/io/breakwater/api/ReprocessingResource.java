package io.breakwater.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.access.Permission;
import io.breakwater.processor.RuleSets;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/Reprocessing}: queue crashes for processing again, as Socorro's API of that name. Ids come
 * as {@code crash_ids} (form fields, repeated or comma-separated, or a JSON list), each optionally suffixed
 * with {@code :<rule set>} ({@code :regenerate_signature} recomputes only the signature). Needs the
 * {@code reprocess_crashes} permission.
 */
@Path("/api/Reprocessing")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Permission.Names.REPROCESS_CRASHES)
@Tag(name = ApiDocument.REPROCESSING)
@SecurityRequirement(name = ApiDocument.AUTH_TOKEN, scopes = Permission.Names.REPROCESS_CRASHES)
public class ReprocessingResource {

    private static final Logger LOG = Logger.getLogger(ReprocessingResource.class);

    /** Per request; bulk reprocessing sends chunks. */
    static final int MAX_CRASH_IDS = 1000;

    @Inject
    CrashQueue queue;

    @Inject
    CrashStorage storage;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Queue crashes for processing again",
            description = "crash_ids: repeated or comma-separated form fields, or a JSON body {\"crash_ids\": [...]}; "
                    + "at most 1000 per request, with or without bp-. Suffix :regenerate_signature recomputes only "
                    + "the signature from the stored processed crash. Needs reprocess_crashes.")
    @APIResponse(responseCode = "200", description = "{status: ok, crash_ids, queued}")
    @APIResponse(responseCode = "400", description = "Malformed or unknown crash ids (listed in crash_ids)")
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "The token lacks reprocess_crashes")
    public Response form(@FormParam("crash_ids") List<String> crashIds) {
        return reprocess(crashIds == null ? List.of() : crashIds);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue crashes for processing again",
            description = "As the form: {\"crash_ids\": [\"<id>\", \"<id>:regenerate_signature\"]}. Needs reprocess_crashes.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "ids", value = "{\"crash_ids\": [\"bp-5d0b6f2e-8b1c-4c5e-9a7d-1f2e3a241124\"]}")))
    @APIResponse(responseCode = "200", description = "{status: ok, crash_ids, queued}")
    @APIResponse(responseCode = "400", description = "Malformed or unknown crash ids (listed in crash_ids)")
    @APIResponse(responseCode = "401", description = "No token")
    @APIResponse(responseCode = "403", description = "The token lacks reprocess_crashes")
    public Response json(JsonNode body) {
        JsonNode ids = body == null ? null : body.get("crash_ids");
        List<String> values = new ArrayList<>();
        if (ids != null && ids.isArray()) {
            for (JsonNode id : ids) {
                if (!id.isTextual()) return error(400, "crash_ids must be strings", List.of());
                values.add(id.asText());
            }
        } else if (ids != null && ids.isTextual()) {
            values.add(ids.asText());
        } else {
            return error(400, "body must be {\"crash_ids\": [...]}", List.of());
        }
        return reprocess(values);
    }

    private Response reprocess(List<String> values) {
        Map<String, String> rulesetById = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        for (String value : values) {
            for (String token : value.split("[,\\s]+")) {
                if (token.isEmpty()) continue;
                parse(token, rulesetById, malformed);
                if (rulesetById.size() > MAX_CRASH_IDS) {
                    return error(400, "at most " + MAX_CRASH_IDS + " crash ids per request", List.of());
                }
            }
        }
        if (!malformed.isEmpty()) return error(400, "malformed crash ids", malformed);
        if (rulesetById.isEmpty()) return error(400, "no crash_ids given", List.of());

        List<String> unknown = rulesetById.keySet().stream().filter(id -> !storage.rawCrashExists(id)).toList();
        if (!unknown.isEmpty()) return error(400, "unknown crash ids", unknown);

        Map<String, List<String>> byRuleset = new LinkedHashMap<>();
        rulesetById.forEach((id, ruleset) -> byRuleset.computeIfAbsent(ruleset, k -> new ArrayList<>()).add(id));
        int queued = 0;
        for (Map.Entry<String, List<String>> group : byRuleset.entrySet()) {
            String ruleset = group.getKey().isEmpty() ? null : group.getKey();
            queued += queue.enqueueAll(group.getValue(), Lane.REPROCESSING, ruleset);
        }
        LOG.infof("reprocessing requested for %d crash(es), %d newly queued", rulesetById.size(), queued);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("crash_ids", new ArrayList<>(rulesetById.keySet()));
        body.put("queued", queued);
        return Response.ok(body).build();
    }

    /** {@code id} or {@code id:ruleset}; the id may carry Socorro's {@code bp-} prefix. */
    private static void parse(String token, Map<String, String> rulesetById, List<String> malformed) {
        int colon = token.indexOf(':');
        String id = colon < 0 ? token : token.substring(0, colon);
        String ruleset = colon < 0 ? "" : token.substring(colon + 1);
        var normalized = CrashIds.normalize(id);
        if (normalized.isEmpty() || (!ruleset.isEmpty() && !RuleSets.exists(ruleset))) {
            malformed.add(token.length() > 100 ? token.substring(0, 100) + "…" : token);
            return;
        }
        // The same crash twice: the rule set that does more wins (default covers regenerate_signature).
        rulesetById.merge(normalized.get(), ruleset.equals(RuleSets.DEFAULT) ? "" : ruleset,
                (a, b) -> a.isEmpty() || b.isEmpty() ? "" : a);
    }

    private static Response error(int status, String message, List<String> crashIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (!crashIds.isEmpty()) body.put("crash_ids", crashIds);
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }
}
