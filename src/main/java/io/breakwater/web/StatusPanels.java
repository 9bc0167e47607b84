package io.breakwater.web;

import io.breakwater.access.Permission;
import io.breakwater.triage.HistoryEntry;
import io.breakwater.triage.SignatureStatus;
import io.breakwater.triage.SignatureTriage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The signature workflow as the pages show it: status labels, the report page's panel and history. */
final class StatusPanels {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private StatusPanels() {
    }

    /** CSS class of a status label. */
    static String cssClass(SignatureStatus s) {
        return "status status-" + s.status().code();
    }

    static String regressionTitle(SignatureStatus s) {
        return s.regression() ? "Crashed again in " + Text.printable(s.regressedVersion()) + " after the fix in "
                + Text.printable(s.fixedVersion()) : "";
    }

    static Views.StatusPanel panel(SignatureStatus s, List<HistoryEntry> history, Viewer viewer) {
        boolean details = SignatureTriage.mayReadDetails(viewer.caller());
        List<Views.Link> links = s.bugLinks().stream().map(l -> new Views.Link(Text.printable(l), l)).toList();
        List<Views.Choice> choices = new ArrayList<>();
        for (SignatureStatus.Status st : SignatureStatus.Status.values()) {
            choices.add(new Views.Choice(st.code(), st.code(), st == s.status()));
        }
        List<Views.StatusEvent> events = new ArrayList<>();
        for (HistoryEntry h : history) {
            String change = h.event() == HistoryEntry.Event.REGRESSION
                    ? "regression: crashed in " + h.version() + " (fixed in " + h.fixedVersion() + ")"
                    : h.fromStatus() + " → " + h.toStatus()
                      + (h.fixedVersion() == null ? "" : " in " + h.fixedVersion());
            events.add(new Views.StatusEvent(WHEN.format(h.at().truncatedTo(ChronoUnit.MINUTES)),
                    details ? Text.printable(h.actor()) : "", Text.printable(change),
                    details && h.note() != null ? Text.printable(h.note()) : "",
                    h.crashId() == null ? null : Links.report(h.crashId()), h.crashId(),
                    h.event() == HistoryEntry.Event.REGRESSION));
        }
        return new Views.StatusPanel(Text.printable(s.signature()), s.status().code(), Text.printable(s.summary()),
                cssClass(s), s.fixedVersion() == null ? "" : Text.printable(s.fixedVersion()),
                details && s.assignee() != null ? Text.printable(s.assignee()) : "",
                details && s.note() != null ? Text.printable(s.note()) : "", links, String.join("\n", s.bugLinks()),
                s.regression(), s.regression() ? regressionTitle(s) : "",
                s.regressedCrashId() == null ? null : Links.report(s.regressedCrashId()), details,
                viewer.caller().has(Permission.MANAGE_SIGNATURES), choices, events, null);
    }

    /** When the database cannot be read: the page still renders, saying so. */
    static Views.StatusPanel unavailable(String signature) {
        return new Views.StatusPanel(Text.printable(signature), "", "", "status", "", "", "", List.of(), "", false, "",
                null, false, false, List.of(), List.of(), "The signature status is unavailable right now.");
    }
}
