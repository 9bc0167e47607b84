package io.breakwater.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * When a job is due: every {@code every}, at slots offset by {@code offset} from the Unix epoch (so a
 * daily job with offset 4h runs at 04:00 UTC). Slots are the unit of backfill: a job that missed slots
 * while the system was down runs once per missed slot.
 */
public record JobSchedule(Duration every, Duration offset) {

    public JobSchedule {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a job runs at a positive interval, not " + every);
        }
        if (offset.isNegative() || offset.compareTo(every) >= 0) {
            throw new IllegalArgumentException("the offset must be within one interval");
        }
    }

    public static JobSchedule every(Duration every) {
        return new JobSchedule(every, Duration.ZERO);
    }

    public static JobSchedule daily(int hourUtc) {
        return new JobSchedule(Duration.ofDays(1), Duration.ofHours(hourUtc));
    }

    /** The latest slot at or before {@code now}. */
    public Instant slotAt(Instant now) {
        long everyMs = every.toMillis();
        long shifted = now.toEpochMilli() - offset.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(shifted, everyMs) * everyMs + offset.toMillis());
    }

    /** The first slot after {@code instant}. */
    public Instant nextAfter(Instant instant) {
        return slotAt(instant).plus(every);
    }
}
