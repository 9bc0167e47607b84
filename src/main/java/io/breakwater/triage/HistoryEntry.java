package io.breakwater.triage;

import java.time.Instant;

/**
 * One event in a signature's history: a status change (who, from, to, with the note given) or a
 * regression (the crash and version that brought it back).
 */
public record HistoryEntry(Instant at, String actor, Event event, String fromStatus, String toStatus,
                           String fixedVersion, String version, String crashId, String note) {

    public enum Event {
        STATUS, REGRESSION
    }
}
