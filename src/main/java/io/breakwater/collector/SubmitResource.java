package io.breakwater.collector;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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
public class SubmitResource {

    @Inject
    CrashCollector collector;

    @POST
    @Blocking
    public Response submit(InputStream body, @Context HttpHeaders headers, @Context UriInfo uriInfo) {
        Submission submission = new Submission(
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                headers.getHeaderString(HttpHeaders.CONTENT_ENCODING),
                contentLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)),
                headers.getHeaderString(HttpHeaders.USER_AGENT),
                firstValues(uriInfo.getQueryParameters(true)),
                body);
        SubmitResult result = collector.submit(submission);
        Response.ResponseBuilder response = Response.status(result.status())
                .entity(result.body())
                .type("text/plain; charset=utf-8");
        result.headers().forEach(response::header);
        return response.build();
    }

    private static OptionalLong contentLength(String header) {
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
