package io.breakwater.collector;

import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code POST /submit}, compatible with Socorro's collector (Antenna) and Breakpad/Crashpad uploaders.
 * The body is read as a stream on a worker thread; nothing here buffers it.
 */
@Path("/submit")
// Names of io.breakwater.api.ApiDocument; the api package is above this one.
@Tag(name = "Crash submission")
public class SubmitResource {

    @Inject
    CrashCollector collector;

    @POST
    @Blocking
    @Operation(summary = "Submit a crash report",
            description = "Breakpad/Crashpad/Electron uploads: multipart/form-data or multipart/mixed, optionally gzip "
                    + "as a whole (Content-Encoding: gzip), with Content-Length or chunked. Annotations are text parts "
                    + "or one JSON part named extra (query parameters count too); every file part is a dump, "
                    + "upload_file_minidump the main one. Limits: 25 MiB body, 100 MiB decompressed by default. "
                    + "Credentials are ignored. The crash is acknowledged only once it is stored and queued; the same "
                    + "crash sent again within the duplicate window gets the same CrashID and is not stored twice.")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "upload_file_minidump")))
    @APIResponse(responseCode = "200", description = "CrashID=bp-<id> (stored; also for throttled fake accepts), "
            + "or Discarded=rule_<name> when a throttle rule rejected it",
            content = @Content(mediaType = "text/plain", examples = @ExampleObject(name = "accepted",
                    value = "CrashID=bp-5d0b6f2e-8b1c-4c5e-9a7d-1f2e3a241124")))
    @APIResponse(responseCode = "400", description = "Discarded=malformed_<reason>: do not send it again "
            + "(malformed_truncated_body and malformed_invalid_chunked_encoding: the body did not arrive whole)")
    @APIResponse(responseCode = "413", description = "Discarded=<reason>: over a size limit")
    @APIResponse(responseCode = "415", description = "Discarded=unsupported_content_encoding")
    @APIResponse(responseCode = "503", description = "Error=storage_unavailable or queue_unavailable: retry after "
            + "Retry-After seconds")
    public Response submit(InputStream body, @Context HttpHeaders headers, @Context UriInfo uriInfo,
                           @Context RoutingContext routing) {
        Submission submission = new Submission(
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                headers.getHeaderString(HttpHeaders.CONTENT_ENCODING),
                contentLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)),
                headers.getHeaderString(HttpHeaders.USER_AGENT),
                firstValues(uriInfo.getQueryParameters(true)),
                body,
                () -> BodyFramingRoute.problemOf(routing));
        SubmitResult result = collector.submit(submission);
        Response.ResponseBuilder response = Response.status(result.status())
                .entity(result.body())
                .type("text/plain; charset=utf-8");
        result.headers().forEach(response::header);
        return response.build();
    }

    /** The {@code Content-Length} header's value; empty when absent or not a number. */
    static OptionalLong contentLength(String header) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Map<String, String> firstValues(MultivaluedMap<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!e.getKey().isEmpty() && !e.getValue().isEmpty()) {
                out.put(e.getKey(), e.getValue().get(0));
            }
        }
        return out;
    }
}
