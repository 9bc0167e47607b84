package io.breakwater.queue;

/** Queue lanes in claim order: a worker drains PRIORITY before STANDARD before REPROCESSING. */
public enum Lane {
    /** Someone is waiting for this crash (e.g. a user opened its page before it was processed). */
    PRIORITY,
    /** New crashes from the collector. */
    STANDARD,
    /** Crashes processed again, optionally with a named ruleset such as {@code regenerate_signature}. */
    REPROCESSING
}
