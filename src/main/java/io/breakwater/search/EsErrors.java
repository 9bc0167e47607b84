package io.breakwater.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.transport.TransportException;

import java.io.IOException;

/** Sorting Elasticsearch failures into "try again later" and "this request is wrong". */
final class EsErrors {

    private EsErrors() {
    }

    /** True when a failure says nothing about the request itself: connection trouble, overload, 5xx. */
    static boolean isUnavailable(Throwable e) {
        if (e instanceof ElasticsearchException ee) {
            return isRetryableStatus(ee.status());
        }
        if (e instanceof TransportException te) {
            return te.statusCode() <= 0 || isRetryableStatus(te.statusCode());
        }
        return e instanceof IOException || e instanceof java.io.UncheckedIOException
                || (e.getCause() != null && e.getCause() != e && isUnavailable(e.getCause()));
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
        return m == null ? e.getClass().getSimpleName() : m;
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
