package io.breakwater.collector;

import java.util.Map;

/** HTTP answer to one submission: status, {@code text/plain} body and extra headers. */
public record SubmitResult(int status, String body, Map<String, String> headers, String crashId) {

    static SubmitResult accepted(String crashId) {
        return new SubmitResult(200, "CrashID=bp-" + crashId + "\n", Map.of(), crashId);
    }

    static SubmitResult discarded(String ruleName) {
        return new SubmitResult(200, "Discarded=rule_" + ruleName + "\n", Map.of(), null);
    }

    static SubmitResult rejected(PayloadRejectedException e) {
        return new SubmitResult(e.status(), e.responseBody() + "\n", Map.of(), null);
    }

    static SubmitResult internalError() {
        return new SubmitResult(500, "Error=internal_error\n", Map.of(), null);
    }

    static SubmitResult unavailable(String what, int retryAfterSeconds) {
        return new SubmitResult(503, "Error=" + what + "\n",
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)), null);
    }
}
