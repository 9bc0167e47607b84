package io.breakwater.triage;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a signature stands in the workflow: its status, the version that fixed it, who is on it, the latest
 * note, links to bugs elsewhere, and whether it came back in the fixed version or a later one.
 *
 * @param regressedVersion the version of the first crash after the fix (null unless {@code regression})
 */
public record SignatureStatus(String signature, Status status, String fixedVersion, String assignee, String note,
                              List<String> bugLinks, boolean regression, String regressedVersion,
                              String regressedCrashId, Instant regressedAt, Instant updatedAt, String updatedBy) {

    public enum Status {
        NEW, OPEN, FIXED, IGNORED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Status> byCode(String code) {
            if (code == null) return Optional.empty();
            String c = code.strip().toLowerCase(Locale.ROOT);
            for (Status s : values()) {
                if (s.code().equals(c)) return Optional.of(s);
            }
            return Optional.empty();
        }
    }

    public SignatureStatus {
        bugLinks = List.copyOf(bugLinks);
    }

    /** A signature nobody has looked at yet. */
    public static SignatureStatus untriaged(String signature) {
        return new SignatureStatus(signature, Status.NEW, null, null, null, List.of(), false, null, null, null, null,
                null);
    }

    /** Short text for lists: "fixed in 120.0", "open", ... */
    public String summary() {
        return status == Status.FIXED ? "fixed in " + fixedVersion : status.code();
    }
}
