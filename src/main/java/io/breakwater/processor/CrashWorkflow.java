package io.breakwater.processor;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.FailOutcome;
import io.breakwater.queue.QueueItem;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.FreshCrashes;
import io.breakwater.storage.LocalFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One claimed queue item from start to end: load raw crash and dumps → run the rule set → store
 * {@code v1/processed_crash/<id>} → index → complete. Storing overwrites and indexing replaces by id, so
 * running an item twice ends in the same state. What happens on failure is decided here too (see
 * {@link #recordFailure}).
 */
@ApplicationScoped
public class CrashWorkflow {

    private static final Logger LOG = Logger.getLogger(CrashWorkflow.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> RAW = new TypeReference<>() { };

    private final CrashStorage storage;
    private final CrashQueue queue;
    private final CrashProcessor processor;
    private final ProcessedCrashIndexer indexer;
    private final ProcessorConfig config;
    private final ProcessorStats stats;
    private final DumpAdmission admission;
    private final Clock clock = Clock.systemUTC();

    /** Null when built by hand (tests): nobody listens then. */
    @Inject
    jakarta.enterprise.event.Event<ProcessedCrashStored> stored;

    /** Null when built by hand (tests): every crash is read from storage then. */
    @Inject
    FreshCrashes fresh;

    public CrashWorkflow(CrashStorage storage, CrashQueue queue, CrashProcessor processor,
                         ProcessedCrashIndexer indexer, ProcessorConfig config) {
        this(storage, queue, processor, indexer, config, new ProcessorStats());
    }

    @Inject
    public CrashWorkflow(CrashStorage storage, CrashQueue queue, CrashProcessor processor,
                         ProcessedCrashIndexer indexer, ProcessorConfig config, ProcessorStats stats) {
        this.storage = storage;
        this.queue = queue;
        this.processor = processor;
        this.indexer = indexer;
        this.config = config;
        this.stats = stats;
        this.admission = DumpAdmission.forConfig(config);
    }

    /** The crash's data is broken in a way no retry can fix: park at once. */
    static final class PermanentFailure extends Exception {
        PermanentFailure(String message) {
            super(message);
        }
    }

    /**
     * A stored crash: its processed crash, and the stage that completes once search has it (or keeps it for
     * later). The queue item may be completed only then.
     */
    public record Processed(ObjectNode crash, CompletionStage<?> indexed) { }

    /**
     * Processes and stores one crash, and hands it to search; does not touch the queue. Throws
     * {@link PermanentFailure} for broken input, anything else for trouble that may pass (storage down, ...).
     */
    public Processed process(QueueItem item) throws Exception {
        String crashId = item.crashId();
        if (!io.breakwater.storage.CrashIds.isValid(crashId)) throw new PermanentFailure("not a crash id: " + crashId);
        long t0 = System.nanoTime();
        // A first attempt at a crash this instance just collected: the collector's copy is the stored one,
        // and a crash that new has no earlier processed crash. Retries and reprocessing read storage.
        FreshCrashes.Fresh handedOver = fresh != null && item.attempts() == 1
                ? fresh.take(crashId).orElse(null) : null;
        try {
            return handedOver != null ? process(item, handedOver, t0) : process(item, t0);
        } finally {
            if (handedOver != null) fresh.release(handedOver);
        }
    }

    private Processed process(QueueItem item, FreshCrashes.Fresh handedOver, long t0) throws Exception {
        List<String> loadNotes = new java.util.ArrayList<>();
        Map<String, Object> raw = parseRawCrash(handedOver.rawCrashJson(), loadNotes);
        if (raw == null) {
            // Not what the collector writes; let the storage path record the failure as it does.
            return process(item, t0);
        }
        Map<String, Path> dumps = processor.needsDumps(item.ruleset(), null) ? handedOver.dumps() : Map.of();
        return run(item, raw, dumps, null, false, loadNotes, t0);
    }

    private Processed process(QueueItem item, long t0) throws Exception {
        String crashId = item.crashId();
        Optional<byte[]> earlier = storage.loadProcessedCrashBytes(crashId);
        JsonNode previous = earlier.map(CrashWorkflow::readTreeOrNull).orElse(null);
        byte[] rawBytes = storage.loadRawCrashBytes(crashId)
                .orElseThrow(() -> new PermanentFailure("raw crash " + crashId + " not found"));
        List<String> loadNotes = new java.util.ArrayList<>();
        Map<String, Object> raw = parseRawCrash(rawBytes, loadNotes);
        if (raw == null) {
            ObjectNode failed = failureCrash(crashId, previous, "raw crash is not a JSON object", null);
            store(crashId, failed, Map.of(), earlier.isPresent());
            throw new PermanentFailure("raw crash " + crashId + " is not a JSON object");
        }

        Path workDir = null;
        try {
            Map<String, Path> dumps = Map.of();
            if (processor.needsDumps(item.ruleset(), previous)) {
                workDir = Files.createTempDirectory(tmpRoot(), "crash-" + crashId + "-");
                dumps = loadDumps(crashId, workDir, loadNotes);
            }
            return run(item, raw, dumps, previous, earlier.isPresent(), loadNotes, t0);
        } finally {
            if (workDir != null) LocalFiles.deleteTreeQuietly(workDir);
        }
    }

    private Processed run(QueueItem item, Map<String, Object> raw, Map<String, Path> dumps, JsonNode previous,
                          boolean replacesEarlier, List<String> loadNotes, long t0) throws Exception {
        String crashId = item.crashId();
        long t1 = System.nanoTime();
        stats.takeWalkNanos(); // nothing left over from an interrupted crash on this thread
        CrashProcessor.Output output;
        try (DumpAdmission.Permit permit = admission.admit(totalSize(dumps))) {
            output = processor.run(new CrashProcessor.Input(crashId, item.ruleset(), raw, dumps, previous));
        }
        long walked = stats.takeWalkNanos();
        ObjectNode processed = output.processed();
        if (!loadNotes.isEmpty()) {
            String notes = processed.path("processor_notes").asText("");
            processed.put("processor_notes", String.join("\n", loadNotes) + (notes.isEmpty() ? "" : "\n" + notes));
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("processing of " + crashId + " timed out or was stopped");
        }
        long t2 = System.nanoTime();
        CompletionStage<?> indexed = store(crashId, processed, output.rawCrash(), replacesEarlier);
        long t3 = System.nanoTime();
        stats.record(ProcessorStats.Stage.LOAD, t1 - t0);
        if (walked > 0) stats.record(ProcessorStats.Stage.STACKWALK, walked);
        stats.record(ProcessorStats.Stage.RULES, t2 - t1 - walked);
        stats.record(ProcessorStats.Stage.TOTAL, t3 - t0);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("crash %s (%s) processed in %d ms: load %d, rules %d, store+index %d", crashId,
                    processed.path("signature").asText(), millis(t0, System.nanoTime()), millis(t0, t1),
                    millis(t1, t2), millis(t2, System.nanoTime()));
        }
        return new Processed(processed, indexed);
    }

    /**
     * A failed attempt: retried after a growing delay; once the queue parks it, a processed crash that says
     * so is stored (and indexed) so the crash is visible, never silently lost.
     */
    public FailOutcome recordFailure(QueueItem item, String error) {
        Duration delay = retryDelay(item.attempts());
        FailOutcome outcome = queue.fail(item, error, delay);
        switch (outcome) {
            case RETRY_SCHEDULED -> LOG.infof("crash %s attempt %d failed (%s); retry in %s",
                    item.crashId(), item.attempts(), error, delay);
            case PARKED -> storeParkedCrash(item, error);
            default -> LOG.debugf("crash %s failure not recorded: %s", item.crashId(), outcome);
        }
        return outcome;
    }

    /**
     * Parks the crash at once (no retry would end differently: a walk that timed out, ran out of memory) and
     * stores a processed crash that says why; reprocessing can run it again later.
     */
    public void park(QueueItem item, String reason) {
        if (queue.park(item, reason)) {
            LOG.warnf("crash %s parked: %s", item.crashId(), reason);
            storeParkedCrash(item, reason);
        } else {
            LOG.infof("crash %s not parked (claim lost): %s", item.crashId(), reason);
        }
    }

    private static long totalSize(Map<String, Path> dumps) {
        long total = 0;
        for (Path p : dumps.values()) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                // unreadable: the walk will say so; it costs nothing to admit
            }
        }
        return total;
    }

    /** Exponential backoff: retryDelay × 2^(attempt-1), capped. */
    Duration retryDelay(int attempt) {
        Duration delay = config.retryDelay();
        for (int i = 1; i < attempt && delay.compareTo(config.maxRetryDelay()) < 0; i++) delay = delay.multipliedBy(2);
        return delay.compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : delay;
    }

    void storeParkedCrash(QueueItem item, String error) {
        String crashId = item.crashId();
        try {
            Optional<byte[]> earlier = storage.loadProcessedCrashBytes(crashId);
            JsonNode previous = earlier.map(CrashWorkflow::readTreeOrNull).orElse(null);
            Map<String, Object> raw = null;
            try {
                raw = storage.loadRawCrashBytes(crashId)
                        .map(bytes -> parseRawCrash(bytes, new java.util.ArrayList<>())).orElse(null);
            } catch (RuntimeException e) {
                // The raw crash may be what keeps failing; the record is written without it.
                LOG.debugf("crash %s: raw crash unreadable for the failure record: %s", crashId, e.getMessage());
            }
            String note = "processing failed after " + item.attempts() + " attempts; parked: " + error;
            store(crashId, failureCrash(crashId, previous, note, raw), raw == null ? Map.of() : raw,
                    earlier.isPresent());
        } catch (Exception e) {
            LOG.errorf(e, "crash %s parked, and its failure record could not be stored", crashId);
        }
    }

    /**
     * A processed crash for a crash that could not be processed: the earlier processed crash (if any) with
     * {@code success: false} and the reason as notes, or a minimal record.
     */
    ObjectNode failureCrash(String crashId, JsonNode previous, String note, Map<String, Object> raw) {
        String now = ProcessorDates.format(clock.instant());
        ObjectNode crash = previous instanceof ObjectNode p ? p.deepCopy() : MAPPER.createObjectNode();
        crash.set("processor_history", CrashProcessor.history(previous));
        crash.put("uuid", crashId);
        crash.put("crash_id", crashId);
        if (!crash.has("signature")) crash.put("signature", CrashProcessor.EMPTY_SIGNATURE);
        if (raw != null && !crash.has("date_processed")) {
            Object submitted = raw.get("submitted_timestamp");
            var instant = submitted instanceof String s ? ProcessorDates.parse(s) : null;
            if (instant != null) {
                crash.put("submitted_timestamp", ProcessorDates.format(instant));
                crash.put("date_processed", ProcessorDates.format(instant));
            }
        }
        crash.put("started_datetime", now);
        crash.put("completed_datetime", now);
        crash.put("success", false);
        crash.put("processor_notes", note);
        return crash;
    }

    /** Stores the processed crash and hands it to search; the stage completes once search has it. */
    private CompletionStage<?> store(String crashId, ObjectNode processed, Map<String, Object> raw,
                                     boolean replacesEarlier) throws IOException {
        long t0 = System.nanoTime();
        storage.saveProcessedCrash(crashId, MAPPER.writeValueAsBytes(processed));
        long t1 = System.nanoTime();
        stats.record(ProcessorStats.Stage.STORAGE, t1 - t0);
        CompletionStage<?> indexed;
        try {
            indexed = indexer.index(crashId, processed, raw).whenComplete((done, failure) -> {
                stats.record(ProcessorStats.Stage.INDEXED, System.nanoTime() - t1);
                if (failure != null) LOG.warnf(failure, "crash %s stored but not indexed", crashId);
            });
        } catch (RuntimeException e) {
            // Stored is what counts; the indexer keeps its own backlog.
            LOG.warnf(e, "crash %s stored but not indexed", crashId);
            indexed = CompletableFuture.completedFuture(null);
        } finally {
            stats.record(ProcessorStats.Stage.INDEX, System.nanoTime() - t1);
        }
        if (stored != null) {
            try {
                stored.fire(new ProcessedCrashStored(crashId, processed, replacesEarlier));
            } catch (RuntimeException e) {
                LOG.warnf(e, "crash %s stored; a listener failed", crashId);
            }
        }
        return indexed;
    }

    private Map<String, Path> loadDumps(String crashId, Path workDir, List<String> notes) {
        Map<String, Path> dumps = new LinkedHashMap<>();
        for (String name : storage.listDumps(crashId)) {
            if (!io.breakwater.storage.CrashKeys.isValidDumpName(name)) {
                notes.add("dump name " + name + " is invalid; skipped");
                continue;
            }
            Path target = workDir.resolve(name);
            if (storage.copyDumpTo(crashId, name, target)) {
                dumps.put(name, target);
            } else {
                notes.add("dump " + name + " is listed but missing from storage");
            }
        }
        return dumps;
    }

    /** The raw crash as a map; invalid UTF-8 is replaced (and noted); null when it is not a JSON object. */
    public static Map<String, Object> parseRawCrash(byte[] bytes, List<String> notes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.UTF_8);
            notes.add("sanitised: raw crash had invalid UTF-8, replaced");
        }
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || !tree.isObject()) return null;
            return MAPPER.convertValue(tree, RAW);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonNode readTreeOrNull(byte[] bytes) {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            return tree != null && tree.isObject() ? tree : null;
        } catch (IOException e) {
            return null; // an unreadable earlier result is simply replaced
        }
    }

    private Path tmpRoot() throws IOException {
        Path root = config.tmpDir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "breakwater-processor"));
        return Files.createDirectories(root);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
    }
}
