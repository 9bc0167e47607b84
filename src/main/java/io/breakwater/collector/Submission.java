package io.breakwater.collector;

import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;

/** One {@code POST /submit} as the collector sees it; {@code queryParameters} keep their order. */
public record Submission(
        String contentType,
        String contentEncoding,
        OptionalLong contentLength,
        String userAgent,
        Map<String, String> queryParameters,
        InputStream body) {
}
