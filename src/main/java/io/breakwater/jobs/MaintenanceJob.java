package io.breakwater.jobs;

import java.time.Instant;

/**
 * One scheduled maintenance task, run by {@link JobRunner} on one instance at a time. Implementations
 * are CDI beans; {@link #run} returns a one-line summary for the Jobs page and throws to report failure.
 */
public interface MaintenanceJob {

    /** Stable name, as stored in {@code job_state} and shown on the Jobs page. */
    String name();

    String description();

    JobSchedule schedule();

    /** True: after downtime the job runs once for every slot it missed (oldest first). */
    default boolean backfill() {
        return false;
    }

    /**
     * @param slot        the schedule slot this run covers
     * @param lastSuccess the slot of the previous successful run, or null
     */
    String run(Instant slot, Instant lastSuccess) throws Exception;
}
