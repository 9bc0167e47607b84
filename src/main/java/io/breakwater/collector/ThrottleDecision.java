package io.breakwater.collector;

/** The throttler's verdict and the name of the rule that gave it. */
public record ThrottleDecision(ThrottleAction action, String ruleName) {
}
