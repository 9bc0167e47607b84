package io.breakwater.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.transport.TransportException;
import org.elasticsearch.client.ResponseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Sorting Elasticsearch failures into "try again later" and "this request is wrong". */
final class EsErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EsErrors() {
    }

    /** True when a failure says nothing about the request itself: connection trouble, overload, 5xx. */
    static boolean isUnavailable(Throwable e) {
        return isRetryableStatus(status(e));
    }

    /** The HTTP status of an Elasticsearch failure, 0 when there was no response. */
    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ElasticsearchException ee) {
                return ee.status();
            }
            if (t instanceof ResponseException re) {
                return re.getResponse().getStatusLine().getStatusCode();
            }
            if (t instanceof TransportException te && te.statusCode() > 0) {
                return te.statusCode();
            }
        }
        return 0;
    }

    static boolean isRetryableStatus(int status) {
        return status == 429 || status >= 500 || status == 0 || status == 408;
    }

    /** The most specific reason Elasticsearch gave, for messages and logs. */
    static String reason(Throwable e) {
        if (e instanceof ElasticsearchException ee && ee.error() != null) {
            return reason(ee.error());
        }
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        // The low-level client puts the response body, Elasticsearch's JSON error, after the status line.
        int brace = m.indexOf('{');
        if (brace >= 0) {
            try {
                JsonNode body = MAPPER.readTree(m.substring(brace));
                JsonNode error = body.path("error");
                JsonNode root = error.path("root_cause").path(0);
                JsonNode best = root.isMissingNode() ? error : root;
                if (best.hasNonNull("reason")) {
                    return best.path("type").asText("") + ": " + best.get("reason").asText();
                }
            } catch (IOException | RuntimeException ignored) {
                // not JSON after all
            }
        }
        return m;
    }

    static String reason(ErrorCause cause) {
        ErrorCause deepest = cause;
        while (deepest.causedBy() != null) {
            deepest = deepest.causedBy();
        }
        // Shard-level failures hide the useful reason one level down.
        if (!cause.rootCause().isEmpty() && deepest == cause) {
            deepest = cause.rootCause().get(0);
        }
        String type = deepest.type();
        String text = deepest.reason();
        return (type == null ? "" : type + ": ") + (text == null ? "" : text);
    }
}
