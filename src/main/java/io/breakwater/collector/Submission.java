package io.breakwater.collector;

import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One {@code POST /submit} as the collector sees it; {@code queryParameters} keep their order.
 * {@code framingProblem} tells, once the body has ended, why the transport ended it early (a cut body,
 * bad chunking), or null.
 */
public record Submission(
        String contentType,
        String contentEncoding,
        OptionalLong contentLength,
        String userAgent,
        Map<String, String> queryParameters,
        InputStream body,
        Supplier<String> framingProblem) {

    public Submission(String contentType, String contentEncoding, OptionalLong contentLength, String userAgent,
                      Map<String, String> queryParameters, InputStream body) {
        this(contentType, contentEncoding, contentLength, userAgent, queryParameters, body, () -> null);
    }
}
