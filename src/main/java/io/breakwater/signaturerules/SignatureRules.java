package io.breakwater.signaturerules;

import io.breakwater.access.AuditLog;
import io.breakwater.access.Caller;
import io.breakwater.signature.SignatureListException;
import io.breakwater.signature.SignatureListSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * What the admin API and pages ask for: preview edited lists, apply a preview, roll back to a version.
 * Checks the input (bad lists and arguments are {@link IllegalArgumentException}s with the reason), audits
 * the changes, and leaves the work to {@link SignatureRuleRunner}.
 */
@ApplicationScoped
public class SignatureRules {

    public static final int DEFAULT_DAYS = 7;
    public static final int MAX_DAYS = 120;
    static final long MAX_LIST_BYTES = 4L * 1024 * 1024;

    /** Thrown when a run cannot start now (another apply is under way, the preview is not finished). */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    @Inject
    SignatureListStore store;

    @Inject
    ActiveSignatureLists active;

    @Inject
    SignatureRuleRunner runner;

    @Inject
    AuditLog audit;

    /** The lists in force: its version (0: the configured lists) and texts. */
    public record InForce(long versionId, SignatureListSet lists, Optional<SignatureListStore.Activation> activation) {
    }

    public InForce inForce() {
        Optional<SignatureListStore.Activation> activation = store.active();
        if (activation.isEmpty()) return new InForce(ActiveSignatureLists.CONFIGURED, active.configured(), activation);
        long id = activation.get().versionId();
        return new InForce(id, store.version(id).orElseThrow().lists(), activation);
    }

    public SignatureListStore.Run preview(Caller caller, SignatureListSet candidate, Integer days) {
        int window = days(days);
        validate(candidate);
        long id = store.createRun(SignatureListStore.Kind.PREVIEW, window, candidate, null, null, "", caller.describe());
        audit.record(caller, "signature_lists.preview", "run " + id, window + " day(s)");
        runner.wake();
        return store.run(id).orElseThrow();
    }

    /** Activates the lists of a finished preview and regenerates exactly the crashes it found changed. */
    public SignatureListStore.Run apply(Caller caller, long previewRunId, String comment) {
        SignatureListStore.Run preview = store.run(previewRunId)
                .filter(r -> r.kind() == SignatureListStore.Kind.PREVIEW)
                .orElseThrow(() -> new IllegalArgumentException("no preview run " + previewRunId));
        if (preview.state() != SignatureListStore.State.DONE) {
            throw new Conflict("preview run " + previewRunId + " is " + preview.state() + "; apply a finished preview");
        }
        noApplyUnderWay();
        // Its old signatures came from the lists then in force; after another apply they would be stale.
        if (store.active().filter(a -> a.activatedAt().isAfter(preview.createdAt())).isPresent()) {
            throw new Conflict("other signature lists were applied after preview run " + previewRunId + "; preview again");
        }
        keepConfiguredListsAsVersion(caller);
        long versionId = store.saveVersion(preview.candidate(), bounded(comment), caller.describe());
        long id = store.createRun(SignatureListStore.Kind.APPLY, preview.days(), null, versionId, previewRunId,
                bounded(comment), caller.describe());
        audit.record(caller, "signature_lists.apply", "version " + versionId,
                "run " + id + " from preview " + previewRunId + (comment == null || comment.isBlank() ? "" : ": " + bounded(comment)));
        runner.wake();
        return store.run(id).orElseThrow();
    }

    /** Makes an earlier version active again, regenerating the crashes of the last {@code days} it changes. */
    public SignatureListStore.Run rollback(Caller caller, long versionId, Integer days, String comment) {
        int window = days(days);
        store.version(versionId).orElseThrow(() -> new IllegalArgumentException("no signature list version " + versionId));
        noApplyUnderWay();
        long id = store.createRun(SignatureListStore.Kind.APPLY, window, null, versionId, null, bounded(comment),
                caller.describe());
        audit.record(caller, "signature_lists.rollback", "version " + versionId, "run " + id + ", " + window + " day(s)");
        runner.wake();
        return store.run(id).orElseThrow();
    }

    public Optional<SignatureListStore.Run> run(long id) {
        return store.run(id);
    }

    public List<SignatureListStore.Run> runs(int limit) {
        return store.runs(limit);
    }

    public List<SignatureListStore.Version> versions(int limit) {
        return store.versions(limit);
    }

    public Optional<SignatureListStore.Version> version(long id) {
        return store.version(id);
    }

    public List<SignatureListStore.Activation> activations(int limit) {
        return store.activations(limit);
    }

    /** The run's report (null while it runs). */
    public SignatureRuleRunner.Result result(SignatureListStore.Run run) {
        return SignatureRuleRunner.result(run);
    }

    private void noApplyUnderWay() {
        boolean underWay = store.runs(50).stream().anyMatch(r -> r.kind() == SignatureListStore.Kind.APPLY && !r.state().finished());
        if (underWay) throw new Conflict("another apply or rollback is under way; wait for it to finish");
    }

    /** The first apply keeps the lists it replaces, so that a rollback can return to them. */
    private void keepConfiguredListsAsVersion(Caller caller) {
        if (store.versions(1).isEmpty()) {
            store.saveVersion(active.configured(), "the configured lists, before the first apply", caller.describe());
        }
    }

    private static int days(Integer days) {
        int window = days == null ? DEFAULT_DAYS : days;
        if (window < 1 || window > MAX_DAYS) throw new IllegalArgumentException("days must be 1 to " + MAX_DAYS);
        return window;
    }

    private void validate(SignatureListSet candidate) {
        if (candidate.largestFileBytes() > MAX_LIST_BYTES) {
            throw new IllegalArgumentException("a signature list may have at most " + MAX_LIST_BYTES + " bytes");
        }
        try {
            active.generatorFor(candidate, "the edited lists");
        } catch (SignatureListException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String bounded(String comment) {
        if (comment == null) return "";
        String c = comment.strip();
        return c.length() > 500 ? c.substring(0, 500) : c;
    }
}
