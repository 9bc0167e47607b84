package io.breakwater.collector;

/** What the collector does with a crash report once a throttle rule matched. */
public enum ThrottleAction {
    /** Store and queue for processing. */
    ACCEPT,
    /** Store but do not queue (can be processed later on demand). */
    DEFER,
    /** Store nothing; answer {@code Discarded=rule_<name>}. */
    REJECT,
    /** Store nothing but answer with a crash id, so the client does not retry. */
    FAKEACCEPT
}
