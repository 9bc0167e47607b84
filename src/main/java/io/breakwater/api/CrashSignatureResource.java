package io.breakwater.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.signature.CrashData;
import io.breakwater.signature.CrashDataJson;
import io.breakwater.signature.InvalidCrashDataException;
import io.breakwater.signature.SignatureResult;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Socorro's CrashSignature API: runs signature generation on frames and annotations the caller sends.
 *
 * <pre>
 * POST /api/CrashSignature   {"jobs": [JOB, …]}
 *   JOB: {"os": …, "crashing_thread": n, "threads": [{"frames": [{"function", "module", "file", "line",
 *         "module_offset", "offset", "inlines": […]}, …]}, …], &lt;annotations such as abort_message,
 *         oom_allocation_size, java_stack_trace, reason, mdsw_status_string&gt;}
 * → 200 {"results": [{"signature": …, "notes": […], "extra": {"proto_signature": …, "normalized_frames": […]}}, …]}
 * </pre>
 *
 * {@code ?debug=true} adds each result's {@code debug_log}. A malformed request is a 400 with
 * {@code {"error": reason}}.
 */
@Path("/api/CrashSignature")
@Tag(name = ApiDocument.SIGNATURES)
public class CrashSignatureResource {

    /** Upper bound of jobs per request; each job is cheap, but a request must stay bounded. */
    static final int MAX_JOBS = 1000;

    private static final Set<String> TRUE = Set.of("1", "true", "yes");

    @Inject
    io.breakwater.signaturerules.ActiveSignatureLists activeLists;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compute signatures for frames you send",
            description = "Socorro's CrashSignature API: {\"jobs\": [{\"os\", \"crashing_thread\", \"threads\": "
                    + "[{\"frames\": [{\"function\", \"module\", \"file\", \"line\", \"module_offset\", "
                    + "\"offset\", \"inlines\"}]}], annotations such as abort_message or oom_allocation_size}], at most "
                    + "1000 jobs. Public: it reads no stored crash.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "one frame", value = "{\"jobs\": [{\"os\": \"Linux\", "
                    + "\"crashing_thread\": 0, \"threads\": [{\"frames\": [{\"function\": \"crash_me\", "
                    + "\"module\": \"myapp\"}]}]}]}")))
    @APIResponse(responseCode = "200", description = "{results: [{signature, notes, extra}]}")
    @APIResponse(responseCode = "400", description = "{error: reason}")
    public Response generate(String body, @QueryParam("debug") @Parameter(description = "true adds each "
            + "result's debug_log") String debug) {
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            return badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            return badRequest("request body must be a JSON object: {\"jobs\": [...]}");
        }
        JsonNode jobs = request.get("jobs");
        if (jobs == null || jobs.isNull() || (jobs.isArray() && jobs.isEmpty())) {
            return badRequest("no jobs specified");
        }
        if (!jobs.isArray()) {
            return badRequest("jobs must be a list of jobs");
        }
        if (jobs.size() > MAX_JOBS) {
            return badRequest("too many jobs: " + jobs.size() + " (at most " + MAX_JOBS + " per request)");
        }

        List<CrashData> crashes = new ArrayList<>(jobs.size());
        try {
            for (int i = 0; i < jobs.size(); i++) {
                crashes.add(CrashDataJson.fromSignatureJob(jobs.get(i), "jobs[" + i + "]"));
            }
        } catch (InvalidCrashDataException e) {
            return badRequest(e.getMessage());
        }

        boolean withDebug = debug != null && TRUE.contains(debug.strip().toLowerCase());
        ObjectNode response = json.createObjectNode();
        ArrayNode results = response.putArray("results");
        for (CrashData crash : crashes) {
            SignatureResult result = activeLists.generator().generate(crash);
            ObjectNode item = results.addObject();
            item.put("signature", result.signature());
            ArrayNode notes = item.putArray("notes");
            result.notes().forEach(notes::add);
            ObjectNode extra = item.putObject("extra");
            if (result.protoSignature() != null) {
                extra.put("proto_signature", result.protoSignature());
                ArrayNode frames = extra.putArray("normalized_frames");
                result.normalizedFrames().forEach(frames::add);
            }
            if (withDebug) {
                ArrayNode log = item.putArray("debug_log");
                result.debugLog().forEach(log::add);
            }
        }
        return Response.ok(response).build();
    }

    private static Response badRequest(String reason) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", reason)).build();
    }
}
