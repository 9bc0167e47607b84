package io.breakwater.triage;

import io.breakwater.access.AccessPolicy;
import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
import io.breakwater.access.Permission;
import io.breakwater.jobs.SignatureFirstSeen;
import io.breakwater.signature.VersionOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Changing a signature's status, for the API and the signature page alike: checks the permission and the
 * input, stores the change with its history, and audits it.
 */
@ApplicationScoped
public class SignatureTriage {

    public static final String AUDIT_ACTION = "signature.status";
    static final int MAX_VERSION = 100;
    static final int MAX_ASSIGNEE = 200;
    static final int MAX_NOTE = 2000;
    static final int MAX_LINKS = 20;
    static final int MAX_LINK = 500;

    @Inject
    SignatureStatusStore store;

    @Inject
    AuditLog audit;

    /**
     * Sets the status of {@code signature}; {@code bugLinks} are URLs (several per entry, separated by white
     * space, are split). Throws {@link IllegalArgumentException} with the reason for bad input.
     */
    public SignatureStatus change(Caller caller, String signature, String status, String fixedVersion,
                                  String assignee, String note, List<String> bugLinks) {
        if (!caller.has(Permission.MANAGE_SIGNATURES)) {
            throw AccessPolicy.denied(caller, Permission.MANAGE_SIGNATURES);
        }
        StatusChange change = validate(signature, status, fixedVersion, assignee, note, bugLinks);
        SignatureStatusStore.Changed changed = store.change(signature, change, caller.describe());
        SignatureStatus before = changed.before();
        SignatureStatus after = changed.after();
        audit.record(caller, AUDIT_ACTION, signature, before.summary() + " → " + after.summary()
                + (after.assignee() == null ? "" : "; assignee " + after.assignee())
                + (after.bugLinks().isEmpty() ? "" : "; bugs " + String.join(" ", after.bugLinks()))
                + (change.note() == null ? "" : "; note: " + change.note()));
        return after;
    }

    /**
     * Whether {@code caller} sees who is on a signature and what they wrote (assignees are often e-mail
     * addresses): anyone signed in; anonymous visitors see the status, the fix, bug links and regressions.
     */
    public static boolean mayReadDetails(Caller caller) {
        return !caller.isAnonymous();
    }

    static StatusChange validate(String signature, String status, String fixedVersion, String assignee, String note,
                                 List<String> bugLinks) {
        if (!SignatureFirstSeen.storable(signature)) {
            throw new IllegalArgumentException("signature is required (not blank, no NUL, at most 2,000 bytes)");
        }
        SignatureStatus.Status s = SignatureStatus.Status.byCode(status).orElseThrow(() -> new IllegalArgumentException(
                "status must be one of new, open, fixed, ignored"));
        String version = text(fixedVersion, "fixed_version", MAX_VERSION, false);
        if (s == SignatureStatus.Status.FIXED) {
            if (version == null) {
                throw new IllegalArgumentException("a fixed status needs fixed_version: the first version with the fix");
            }
            if (!VersionOrder.isNumbered(version)) {
                throw new IllegalArgumentException("fixed_version must start with a number (like 120.0, 1.2.3 or "
                        + "2.0.0-beta.1), so later versions can be told apart");
            }
        } else {
            version = null; // only a fix has a version; a left-over field on the form means nothing
        }
        return new StatusChange(s, version, text(assignee, "assignee", MAX_ASSIGNEE, false),
                text(note, "note", MAX_NOTE, true), links(bugLinks));
    }

    private static String text(String value, String name, int max, boolean multiline) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip().replace("\r\n", "\n");
        if (v.length() > max) throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t'))) {
                throw new IllegalArgumentException(name + " contains control characters");
            }
        }
        return v;
    }

    private static List<String> links(List<String> entries) {
        Set<String> out = new LinkedHashSet<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            if (entry == null) continue;
            for (String link : entry.strip().split("\\s+")) {
                if (link.isEmpty()) continue;
                if (link.length() > MAX_LINK) {
                    throw new IllegalArgumentException("bug link longer than " + MAX_LINK + " characters");
                }
                if (!isWebLink(link)) {
                    throw new IllegalArgumentException("bug links must be http or https URLs, not "
                            + (link.length() > 80 ? link.substring(0, 80) + "…" : link));
                }
                out.add(link);
            }
        }
        if (out.size() > MAX_LINKS) throw new IllegalArgumentException("at most " + MAX_LINKS + " bug links");
        return new ArrayList<>(out);
    }

    private static boolean isWebLink(String link) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
