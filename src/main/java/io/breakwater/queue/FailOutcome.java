package io.breakwater.queue;

/** What {@link CrashQueue#fail} did with the item. */
public enum FailOutcome {
    /** Back to PENDING, claimable after the retry delay. */
    RETRY_SCHEDULED,
    /** Out of attempts: PARKED with the error. */
    PARKED,
    /** A pending item for the same crash and lane already exists; this one was dropped in its favour. */
    MERGED,
    /** The claim was no longer ours (lease expired and someone else claimed it, or it was completed). */
    LEASE_LOST
}
