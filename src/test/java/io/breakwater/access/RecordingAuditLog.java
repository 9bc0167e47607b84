package io.breakwater.access;

import java.util.ArrayList;
import java.util.List;

/** An audit trail kept in memory, for unit tests of code that audits ("actor action target" lines). */
public final class RecordingAuditLog extends AuditLog {

    public final List<String> entries = new ArrayList<>();

    public RecordingAuditLog() {
        super(null, () -> "test");
    }

    @Override
    public void record(Caller caller, String action, String target, String details) {
        entries.add(caller.describe() + " " + action + " " + target);
    }
}
