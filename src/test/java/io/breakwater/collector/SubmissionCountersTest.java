package io.breakwater.collector;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubmissionCountersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SubmissionCounters counters = new SubmissionCounters(registry);

    private double count(String outcome, String reason) {
        return registry.get(SubmissionCounters.NAME).tag("outcome", outcome).tag("reason", reason).counter().count();
    }

    @Test
    void theUsualSeriesExistAtZeroFromTheStart() {
        assertEquals(0, count("accepted", "queued"));
        assertEquals(0, count("throttled", "reject"));
        assertEquals(0, count("unavailable", "queue_unavailable"));
    }

    @Test
    void outcomesAndReasonsFollowWhatTheClientIsTold() {
        counters.accepted(ThrottleAction.ACCEPT);
        counters.accepted(ThrottleAction.DEFER);
        counters.throttled(ThrottleAction.REJECT);
        counters.throttled(ThrottleAction.FAKEACCEPT);
        counters.rejected(PayloadRejectedException.malformed("bad_gzip"));
        counters.rejected(PayloadRejectedException.tooLarge("body_too_large"));
        counters.rejected(PayloadRejectedException.unsupportedEncoding("br"));
        counters.unavailable("storage_unavailable");
        counters.error();
        assertEquals(1, count("accepted", "queued"));
        assertEquals(1, count("accepted", "deferred"));
        assertEquals(1, count("throttled", "reject"));
        assertEquals(1, count("throttled", "fakeaccept"));
        assertEquals(1, count("malformed", "bad_gzip"), "Antenna's malformed_ prefix is the outcome");
        assertEquals(1, count("too_large", "body_too_large"));
        assertEquals(1, count("unsupported", "unsupported_content_encoding"), "the encoding itself is no label");
        assertEquals(1, count("unavailable", "storage_unavailable"));
        assertEquals(1, count("error", "internal_error"));
    }
}
