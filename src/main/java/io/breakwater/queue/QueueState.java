package io.breakwater.queue;

public enum QueueState {
    /** Waiting (possibly until a retry delay has passed). */
    PENDING,
    /** Leased by a worker until the lease expires; then claimable again. */
    CLAIMED,
    /** Gave up after too many attempts, or parked explicitly; keeps its last error and blocks nothing. */
    PARKED
}
