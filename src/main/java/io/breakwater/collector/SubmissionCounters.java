package io.breakwater.collector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code breakwater_submissions_total{outcome, reason}}: what became of each {@code POST /submit}. Outcomes:
 * {@code accepted} (reason {@code queued} or {@code deferred}), {@code duplicate} ({@code retry}: answered with
 * the id of the same crash stored moments before), {@code throttled} ({@code reject},
 * {@code fakeaccept}), {@code malformed}, {@code too_large} and {@code unsupported} (the reason the client
 * is told, without Antenna's {@code malformed_} prefix), {@code unavailable} (storage or queue down) and
 * {@code error}. Every reason is a constant of the collector, so the number of series stays small.
 */
final class SubmissionCounters {

    static final String NAME = "breakwater.submissions";

    /** Series that exist from the start at 0, so that rates and alerts see them before the first event. */
    private static final String[][] KNOWN = {
            {"accepted", "queued"}, {"accepted", "deferred"}, {"duplicate", "retry"}, {"throttled", "reject"}, {"throttled", "fakeaccept"},
            {"malformed", "invalid_payload_structure"}, {"malformed", "no_annotations"},
            {"too_large", "body_too_large"}, {"unavailable", "storage_unavailable"},
            {"unavailable", "queue_unavailable"}, {"error", "internal_error"}};

    private final MeterRegistry registry;

    SubmissionCounters(MeterRegistry registry) {
        this.registry = registry;
        for (String[] known : KNOWN) {
            counter(known[0], known[1]);
        }
    }

    void accepted(ThrottleAction action) {
        counter("accepted", action == ThrottleAction.DEFER ? "deferred" : "queued").increment();
    }

    void duplicate() {
        counter("duplicate", "retry").increment();
    }

    void throttled(ThrottleAction action) {
        counter("throttled", action == ThrottleAction.FAKEACCEPT ? "fakeaccept" : "reject").increment();
    }

    void rejected(PayloadRejectedException e) {
        String reason = e.reason();
        String outcome = switch (e.status()) {
            case 413 -> "too_large";
            case 415 -> "unsupported";
            default -> "malformed";
        };
        if (reason.startsWith("malformed_")) {
            reason = reason.substring("malformed_".length());
        }
        counter(outcome, reason).increment();
    }

    void unavailable(String what) {
        counter("unavailable", what).increment();
    }

    void error() {
        counter("error", "internal_error").increment();
    }

    private Counter counter(String outcome, String reason) {
        // The registry keeps one counter per id; registering again returns it.
        return Counter.builder(NAME).description("Crash submissions by outcome")
                .tag("outcome", outcome).tag("reason", reason).register(registry);
    }
}
