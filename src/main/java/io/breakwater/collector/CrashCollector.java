package io.breakwater.collector;

import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.IntakeLoad;
import io.breakwater.queue.Lane;
import io.breakwater.queue.QueueException;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.FreshCrashes;
import io.breakwater.storage.LocalFiles;
import io.breakwater.storage.StorageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The collector: reads a crash report, throttles it, stores it and queues it. A crash is acknowledged
 * (200 with its id) only once its dumps and raw crash are in object storage and, unless deferred, its
 * id is in the queue; when storage or the database fails the answer is 503 with {@code Retry-After},
 * and a crash that could not be queued is removed again so nothing half-done is left looking complete.
 */
@ApplicationScoped
public class CrashCollector {

    private static final Logger LOG = Logger.getLogger(CrashCollector.class);
    /** Top-level raw crash keys written by the collector; annotations cannot take these names. */
    static final String PRODUCT_NAME = "ProductName";
    /** The rule name of the product allow-list in {@code Discarded=rule_...} answers. */
    static final String UNSUPPORTED_PRODUCT = "unsupported_product";
    static final Set<String> RESERVED_KEYS = Set.of("metadata", "uuid", "submitted_timestamp", "version");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private final CollectorConfig config;
    private final CrashStorage storage;
    private final CrashQueue queue;
    private final PayloadExtractor extractor;
    private final Throttler throttler;
    private final Clock clock;
    private final SubmissionCounters counters;
    private final RecentCrashes recent;
    /** Null when built by hand (tests): nothing is handed to a processor then. */
    private FreshCrashes fresh;
    /** Null when built by hand (tests): submissions are not counted then. */
    private IntakeLoad intake;

    @Inject
    public CrashCollector(CollectorConfig config, CrashStorage storage, CrashQueue queue, MeterRegistry meters,
                          FreshCrashes fresh, IntakeLoad intake) {
        this(config, storage, queue, config.throttleRules().map(Throttler::fromFile).orElseGet(Throttler::acceptAll),
                Clock.systemUTC(), meters);
        this.fresh = fresh;
        this.intake = intake;
    }

    CrashCollector(CollectorConfig config, CrashStorage storage, CrashQueue queue, Throttler throttler, Clock clock) {
        this(config, storage, queue, throttler, clock, new SimpleMeterRegistry());
    }

    CrashCollector(CollectorConfig config, CrashStorage storage, CrashQueue queue, Throttler throttler, Clock clock,
                   MeterRegistry meters) {
        this.counters = new SubmissionCounters(meters);
        this.config = config;
        this.storage = storage;
        this.queue = queue;
        this.throttler = throttler;
        this.clock = clock;
        // A twin still being stored is waited for about as long as storing normally takes at worst.
        this.recent = new RecentCrashes(config.duplicates().window(), config.duplicates().maxEntries(),
                Duration.ofSeconds(30), clock);
        PayloadExtractor.Limits limits = PayloadExtractor.Limits.from(config);
        Path base = PayloadExtractor.Limits.baseTempDir(config);
        int leftovers = LocalFiles.deleteEndedProcessDirectories(base, PayloadExtractor.TEMP_PREFIX);
        if (leftovers > 0) {
            LOG.infof("removed the dumps being received by %d ended process(es) under %s", leftovers, base);
        }
        try {
            Files.createDirectories(limits.tempDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create collector temp directory " + limits.tempDir(), e);
        }
        this.extractor = new PayloadExtractor(limits);
    }

    /** Loads the throttle rules at start so a bad rules file stops the application right away. */
    void onStart(@Observes StartupEvent event) {
        LOG.infof("Collector ready: %d throttle rule(s), body limit %d bytes, decompressed limit %d bytes",
                throttler.ruleCount(), config.maxBodySize(), config.maxDecompressedSize());
    }

    public SubmitResult submit(Submission submission) {
        if (intake == null) {
            return receive(submission);
        }
        try (IntakeLoad.Ticket ticket = intake.enter()) {
            return receive(submission);
        }
    }

    private SubmitResult receive(Submission submission) {
        PayloadExtractor.Extracted extracted;
        try {
            extracted = extractor.extract(submission.contentType(), submission.contentEncoding(),
                    submission.contentLength(), submission.body());
        } catch (PayloadRejectedException e) {
            LOG.debugf("submission rejected: %s", e.getMessage());
            String framing = submission.framingProblem().get();
            // A body cut short fails to parse; the transport knows the better reason.
            return rejected(framing != null && e.status() == 400 ? PayloadRejectedException.malformed(framing) : e);
        } catch (ClientStreamException e) {
            LOG.debugf("submission aborted by the client: %s", e.getMessage());
            return rejected(PayloadRejectedException.malformed("invalid_payload_structure"));
        } catch (IOException e) {
            LOG.errorf("could not buffer a submission locally: %s", e.getMessage());
            return unavailable("temporary_storage_unavailable");
        }
        String framing = submission.framingProblem().get();
        if (framing != null) {
            // Parsed, but not the body the client meant to send (its end never came): not stored.
            extracted.payload().close();
            return rejected(PayloadRejectedException.malformed(framing));
        }
        try (CrashPayload payload = extracted.payload()) {
            return handle(submission, payload, extracted.invalidAnnotationValues());
        } catch (RuntimeException e) {
            // A bug, not bad input: answer 500 so the client keeps the crash and retries later.
            LOG.error("unexpected failure while handling a submission", e);
            counters.error();
            return SubmitResult.internalError();
        }
    }

    private SubmitResult handle(Submission submission, CrashPayload payload, int invalidValues) {
        List<String> notes = new ArrayList<>(payload.notes());
        Map<String, String> bodyAnnotations = payload.annotations();
        Map<String, String> annotations = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : bodyAnnotations.entrySet()) {
            if (RESERVED_KEYS.contains(a.getKey())) {
                notes.add("annotation " + a.getKey() + " clashes with a collector field; not kept");
            } else {
                annotations.put(a.getKey(), a.getValue());
            }
        }
        Map<String, String> query = submission.queryParameters();
        for (Map.Entry<String, String> q : query.entrySet()) {
            if (!RESERVED_KEYS.contains(q.getKey()) && !annotations.containsKey(q.getKey())) {
                annotations.put(q.getKey(), q.getValue());
            }
        }
        if (annotations.isEmpty()) {
            return rejected(PayloadRejectedException.malformed(
                    invalidValues > 0 ? "invalid_annotation_value" : "no_annotations"));
        }
        // Everything the client sent, under its own names, for the canonical mapping.
        Map<String, String> sources = new HashMap<>(query);
        sources.putAll(bodyAnnotations);
        AnnotationMapper.applyCanonicalNames(annotations, sources, notes);

        // Without a dump the content is too little to tell a retry from a new crash.
        String contentKey = payload.dumps().isEmpty() ? null : RecentCrashes.key(annotations, payload.dumps());
        RecentCrashes.Lookup lookup = contentKey == null ? new RecentCrashes.Lookup(null, null)
                : recent.lookUp(contentKey);
        if (lookup.isDuplicate()) {
            LOG.debugf("retry of %s: answered with its id, not stored again", lookup.earlierCrashId());
            counters.duplicate();
            return SubmitResult.accepted(lookup.earlierCrashId());
        }
        SubmitResult result = null;
        try {
            result = throttleAndStore(submission, payload, annotations, notes, query);
            return result;
        } finally {
            if (contentKey != null) {
                recent.finish(contentKey, lookup, result == null ? null : result.crashId());
            }
        }
    }

    private SubmitResult throttleAndStore(Submission submission, CrashPayload payload, Map<String, String> annotations,
                                          List<String> notes, Map<String, String> query) {
        if (config.products().isPresent() && !config.products().get().contains(annotations.get(PRODUCT_NAME))) {
            LOG.debugf("discarded: product %s is not in breakwater.collector.products", annotations.get(PRODUCT_NAME));
            counters.throttled(ThrottleAction.REJECT);
            return SubmitResult.discarded(UNSUPPORTED_PRODUCT);
        }
        ThrottleDecision decision = throttler.throttle(annotations);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int throttleDigit = decision.action() == ThrottleAction.DEFER ? 1 : 0;
        String crashId = CrashIds.create(now.toLocalDate(), throttleDigit);

        switch (decision.action()) {
            case REJECT -> {
                LOG.debugf("discarded by rule %s", decision.ruleName());
                counters.throttled(decision.action());
                return SubmitResult.discarded(decision.ruleName());
            }
            case FAKEACCEPT -> {
                LOG.debugf("%s fake-accepted by rule %s", crashId, decision.ruleName());
                counters.throttled(decision.action());
                return SubmitResult.accepted(crashId);
            }
            case ACCEPT, DEFER -> {
                // handled below
            }
        }

        byte[] rawCrash = CrashStorage.toJson(rawCrash(crashId, now, annotations, payload, notes, decision,
                submission.userAgent(), query));
        Map<String, Path> dumpFiles = new LinkedHashMap<>();
        payload.dumps().forEach((name, dump) -> dumpFiles.put(name, dump.file()));
        try {
            storage.saveCrash(crashId, rawCrash, dumpFiles);
        } catch (StorageException e) {
            LOG.errorf("could not store crash %s: %s", crashId, e.getMessage());
            return unavailable("storage_unavailable");
        }
        if (decision.action() == ThrottleAction.ACCEPT) {
            // Kept before it is queued, so this instance's processor finds it when it claims the id.
            if (fresh != null) {
                fresh.keep(crashId, rawCrash, dumpFiles);
            }
            try {
                queue.enqueue(crashId, Lane.STANDARD);
            } catch (QueueException e) {
                LOG.errorf("could not queue crash %s, removing it: %s", crashId, e.getMessage());
                if (fresh != null) {
                    fresh.forget(crashId);
                }
                storage.deleteCrashQuietly(crashId, dumpFiles.keySet());
                return unavailable("queue_unavailable");
            }
        }
        LOG.debugf("%s stored (%s by rule %s, %d dump(s))", crashId, decision.action(), decision.ruleName(),
                dumpFiles.size());
        counters.accepted(decision.action());
        return SubmitResult.accepted(crashId);
    }

    private SubmitResult rejected(PayloadRejectedException e) {
        counters.rejected(e);
        return SubmitResult.rejected(e);
    }

    private SubmitResult unavailable(String what) {
        counters.unavailable(what);
        return SubmitResult.unavailable(what, config.retryAfterSeconds());
    }

    static Map<String, Object> rawCrash(String crashId, OffsetDateTime receivedAt, Map<String, String> annotations,
                                        CrashPayload payload, List<String> notes, ThrottleDecision decision,
                                        String userAgent, Map<String, String> query) {
        Map<String, Object> metadata = new TreeMap<>();
        metadata.put("collector_notes", notes);
        Map<String, String> checksums = new TreeMap<>();
        payload.dumps().forEach((name, dump) -> checksums.put(name, dump.sha256()));
        metadata.put("dump_checksums", checksums);
        metadata.put("payload", payload.kind() == CrashPayload.Kind.JSON ? "json" : "multipart");
        metadata.put("payload_compressed", payload.compressed() ? "1" : "0");
        metadata.put("payload_size", payload.payloadSize());
        metadata.put("throttle_rule", decision.ruleName());
        metadata.put("throttle_result", decision.action().name());
        metadata.put("user_agent", userAgent == null ? "" : userAgent);
        if (!query.isEmpty()) {
            metadata.put("query_parameters", new TreeMap<>(query));
        }
        Map<String, Object> raw = new TreeMap<>(annotations);
        raw.put("metadata", metadata);
        raw.put("submitted_timestamp", receivedAt.format(TIMESTAMP));
        raw.put("uuid", crashId);
        raw.put("version", 2);
        return raw;
    }
}
