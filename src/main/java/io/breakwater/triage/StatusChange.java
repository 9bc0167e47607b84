package io.breakwater.triage;

import java.util.List;

/** A validated request to change a signature's status ({@link SignatureTriage#change} checks the input). */
public record StatusChange(SignatureStatus.Status status, String fixedVersion, String assignee, String note,
                           List<String> bugLinks) {
    public StatusChange {
        bugLinks = List.copyOf(bugLinks);
    }
}
