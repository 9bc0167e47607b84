package io.breakwater.signaturerules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.processor.RuleSets;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureListSet;
import io.breakwater.storage.CrashStorage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs previews and applies in the background, one at a time per instance, with their state in
 * {@link SignatureListStore}: a tick claims the oldest queued run (one instance wins), replays it, and for an
 * apply activates the version, queues {@code :regenerate_signature} for the changed crashes and then follows
 * the queue until they are all processed, when it compares the stored signatures with the prediction.
 * Only instances with the {@code jobs} role run them.
 */
@ApplicationScoped
public class SignatureRuleRunner {

    private static final Logger LOG = Logger.getLogger(SignatureRuleRunner.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Duration STALE = Duration.ofMinutes(2);
    private static final int PAGE = 1000;

    /** What a run found: the preview's report, and for an apply what the stored signatures show afterwards. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(SignatureDiff.Report predicted, SignatureDiff.Report actual, Boolean matches, long skipped) {
    }

    @Inject
    SignatureListStore store;

    @Inject
    ActiveSignatureLists active;

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    io.breakwater.instance.Roles roles;

    private final String owner = "signature-rules-" + UUID.randomUUID();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "signature-rule-runs");
        t.setDaemon(true);
        return t;
    });

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /** Starts a queued run now if this instance is idle (the tick would within seconds anyway). */
    public void wake() {
        if (roles.has(io.breakwater.instance.Roles.Role.JOBS)) worker.execute(this::claimAndRun);
    }

    @Scheduled(identity = "signature-rule-runs", every = "${breakwater.signature-rules.tick:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!roles.has(io.breakwater.instance.Roles.Role.JOBS)) return; // background work, as the maintenance jobs
        try {
            store.requeueStale(STALE);
            if (!busy.get()) worker.execute(this::claimAndRun);
            for (SignatureListStore.Run run : store.runsIn(SignatureListStore.State.REGENERATING)) followRegeneration(run);
        } catch (RuntimeException e) {
            LOG.warnf("signature rule runs: %s", e.getMessage());
        }
    }

    private void claimAndRun() {
        if (!busy.compareAndSet(false, true)) return;
        try {
            Optional<SignatureListStore.Run> claimed;
            while ((claimed = store.claimQueued(owner)).isPresent()) {
                SignatureListStore.Run run = claimed.get();
                try {
                    if (run.kind() == SignatureListStore.Kind.PREVIEW) preview(run);
                    else apply(run);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // shutting down: the run goes stale and another instance starts it again
                } catch (RuntimeException e) {
                    LOG.errorf(e, "signature rule run %d failed", run.id());
                    store.finish(run.id(), SignatureListStore.State.FAILED, null, e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("signature rule runs not claimed: %s", e.getMessage());
        } finally {
            busy.set(false);
        }
    }

    private void preview(SignatureListSet lists, SignatureListStore.Run run, Replayed into) throws InterruptedException {
        SignatureGenerator generator = active.generatorFor(lists, "signature lists of run " + run.id());
        SignatureReplay replay = new SignatureReplay(storage, generator);
        List<String> ids = crashIds(run.days());
        store.progress(run.id(), ids.size(), 0);
        long lastBeat = System.nanoTime();
        int done = 0;
        for (String id : ids) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            Optional<SignatureListStore.Change> change = replay.replay(id);
            if (change.isPresent()) {
                SignatureListStore.Change c = change.get();
                into.diff.add(c.crashId(), c.oldSignature(), c.newSignature());
                if (!c.oldSignature().equals(c.newSignature())) into.changes.add(c);
            } else {
                into.skipped++;
            }
            done++;
            if (System.nanoTime() - lastBeat > Duration.ofSeconds(1).toNanos()) {
                store.progress(run.id(), ids.size(), done);
                lastBeat = System.nanoTime();
            }
        }
        store.progress(run.id(), ids.size(), done);
        store.saveChanges(run.id(), into.changes);
    }

    private static final class Replayed {
        final SignatureDiff diff = new SignatureDiff();
        final List<SignatureListStore.Change> changes = new ArrayList<>();
        long skipped;
    }

    private void preview(SignatureListStore.Run run) throws InterruptedException {
        Replayed replayed = new Replayed();
        preview(run.candidate(), run, replayed);
        store.finish(run.id(), SignatureListStore.State.DONE,
                json(new Result(replayed.diff.report(), null, null, replayed.skipped)), null);
    }

    private void apply(SignatureListStore.Run run) throws InterruptedException {
        long versionId = run.versionId();
        List<SignatureListStore.Change> changes;
        Result predicted;
        if (run.previewRunId() != null) {
            SignatureListStore.Run preview = store.run(run.previewRunId()).orElseThrow();
            predicted = result(preview);
            changes = store.changes(preview.id());
            store.progress(run.id(), preview.total(), preview.total());
        } else {
            // A rollback: replay the version's lists first, to know which crashes change.
            SignatureListSet lists = store.version(versionId).orElseThrow().lists();
            Replayed replayed = new Replayed();
            preview(lists, run, replayed);
            predicted = new Result(replayed.diff.report(), null, null, replayed.skipped);
            changes = replayed.changes;
        }
        store.saveResult(run.id(), json(predicted));
        store.activate(versionId, run.requestedBy(), run.id());
        active.invalidate();
        // Other instances re-read the active version within REFRESH: queue only once they all sign with it.
        Thread.sleep(ActiveSignatureLists.REFRESH.plusSeconds(1).toMillis());
        List<String> ids = changes.stream().map(SignatureListStore.Change::crashId).toList();
        for (int i = 0; i < ids.size(); i += PAGE) {
            queue.enqueueAll(ids.subList(i, Math.min(ids.size(), i + PAGE)), Lane.REPROCESSING, RuleSets.REGENERATE_SIGNATURE);
            store.heartbeat(run.id()); // a long enqueue must not look like a dead instance
        }
        store.regenerating(run.id(), versionId, ids.size());
        LOG.infof("signature lists version %d active; %d crash(es) queued for regenerate_signature (run %d)",
                versionId, ids.size(), run.id());
    }

    /** Counts what the queue has done; once nothing is waiting, compares the stored signatures with the prediction. */
    void followRegeneration(SignatureListStore.Run run) {
        int[] waitingAndParked = store.waitingAndParked(run.changesRunId());
        int waiting = waitingAndParked[0];
        int parked = waitingAndParked[1];
        store.regenerated(run.id(), Math.max(0, run.queued() - waiting - parked), parked);
        if (waiting > 0) return;
        Result predicted = result(run);
        SignatureDiff actual = new SignatureDiff();
        predicted.predicted().involvedUnchanged().forEach(actual::addUnchanged);
        for (SignatureListStore.Change change : store.changes(run.changesRunId())) {
            String now = storedSignature(change.crashId());
            actual.add(change.crashId(), change.oldSignature(), now);
        }
        SignatureDiff.Report report = actual.report();
        boolean matches = predicted.predicted().sameChanges(report);
        store.finish(run.id(), SignatureListStore.State.DONE,
                json(new Result(predicted.predicted(), report, matches, predicted.skipped())), null);
        LOG.infof("signature lists run %d done: %d crash(es) regenerated, %d parked; prediction %s", run.id(),
                run.queued() - parked, parked, matches ? "held" : "did NOT hold");
    }

    private String storedSignature(String crashId) {
        return storage.loadProcessedCrashBytes(crashId).map(bytes -> {
            try {
                return JSON.readTree(bytes).path("signature").asText("");
            } catch (IOException e) {
                return "";
            }
        }).orElse("");
    }

    /** Raw crashes received in the last {@code days} days (UTC), today included. */
    List<String> crashIds(int days) {
        List<String> ids = new ArrayList<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int back = days - 1; back >= 0; back--) {
            String day = today.minusDays(back).format(DAY);
            String after = null;
            while (true) {
                List<String> page = storage.listRawCrashIds(day, PAGE, after);
                ids.addAll(page);
                if (page.size() < PAGE) break;
                after = page.get(page.size() - 1);
            }
        }
        return ids;
    }

    public static Result result(SignatureListStore.Run run) {
        if (run.result() == null) return null;
        try {
            return JSON.readValue(run.result(), Result.class);
        } catch (IOException e) {
            throw new IllegalStateException("run " + run.id() + " has an unreadable result", e);
        }
    }

    private static String json(Result result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
