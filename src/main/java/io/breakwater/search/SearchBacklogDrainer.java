package io.breakwater.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search catch-up: writes the crashes of the {@link SearchBacklog} from object storage into
 * Elasticsearch, in bulk. Idempotent (document id = crash id, versions by completion time), so a crash
 * drained twice is still one document.
 */
@ApplicationScoped
public class SearchBacklogDrainer {

    /** What one drain did. */
    public record Result(int indexed, int retried, int parked, int dropped, boolean stoppedUnavailable) {
        public static final Result NOTHING = new Result(0, 0, 0, 0, false);
    }

    private static final Logger LOG = Logger.getLogger(SearchBacklogDrainer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int MAX_ATTEMPTS = 10;

    private final SearchBacklog backlog;
    private final CrashIndexWriter writer;
    private final CrashIndexManager manager;
    private final CrashDocumentBuilder builder;
    private final SearchAvailability availability;
    private final Instance<ProcessedCrashSource> sources;
    private final int batchSize;
    private final int maxBatchesPerRun;
    private volatile boolean warnedNoSource;

    @Inject
    public SearchBacklogDrainer(SearchBacklog backlog, CrashIndexWriter writer, CrashIndexManager manager,
                                CrashDocumentBuilder builder, SearchAvailability availability,
                                Instance<ProcessedCrashSource> sources, SearchConfig config) {
        this(backlog, writer, manager, builder, availability, sources, config.catchUp().batchSize(),
                config.catchUp().maxBatches());
    }

    public SearchBacklogDrainer(SearchBacklog backlog, CrashIndexWriter writer, CrashIndexManager manager,
                                CrashDocumentBuilder builder, SearchAvailability availability,
                                Instance<ProcessedCrashSource> sources, int batchSize, int maxBatchesPerRun) {
        this.backlog = backlog;
        this.writer = writer;
        this.manager = manager;
        this.builder = builder;
        this.availability = availability;
        this.sources = sources;
        this.batchSize = Math.max(1, Math.min(batchSize, 5000));
        this.maxBatchesPerRun = Math.max(1, maxBatchesPerRun);
    }

    @Scheduled(identity = "search-backlog-catch-up",
            every = "${breakwater.search.catch-up.interval:30s}",
            delayed = "${breakwater.search.catch-up.delay:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledDrain() {
        try {
            Result r = drain();
            if (r.indexed() + r.parked() + r.dropped() > 0) {
                LOG.infof("search catch-up: %d indexed, %d retried, %d parked, %d dropped", r.indexed(),
                        r.retried(), r.parked(), r.dropped());
            }
        } catch (RuntimeException e) {
            LOG.warnf("search catch-up failed: %s", e.getMessage());
        }
    }

    /** Drains due backlog rows from the application's {@link ProcessedCrashSource} bean. */
    public Result drain() {
        Optional<ProcessedCrashSource> source = source();
        return source.isEmpty() ? Result.NOTHING : drain(source.get());
    }

    /** Drains due backlog rows until none are due, Elasticsearch fails, or the per-run batch limit. */
    public Result drain(ProcessedCrashSource source) {
        int indexed = 0;
        int retried = 0;
        int parked = 0;
        int dropped = 0;
        try {
            manager.ensureReady();
        } catch (SearchUnavailableException | SearchConfigurationException e) {
            availability.markDown(e.getMessage());
            return new Result(0, 0, 0, 0, true);
        }
        for (int batch = 0; batch < maxBatchesPerRun; batch++) {
            List<SearchBacklog.Claim> claims = backlog.claim(batchSize, LEASE);
            if (claims.isEmpty()) {
                break;
            }
            Map<String, SearchBacklog.Claim> byId = new HashMap<>();
            List<CrashDocument> docs = new ArrayList<>();
            List<SearchBacklog.Claim> done = new ArrayList<>();
            for (SearchBacklog.Claim claim : claims) {
                Optional<byte[]> processed;
                try {
                    processed = source.processedCrash(claim.crashId());
                } catch (RuntimeException e) {
                    // Storage trouble: try this one again later.
                    backlog.retryLater(claim, "cannot read processed crash: " + e.getMessage(), backoff(claim));
                    retried++;
                    continue;
                }
                if (processed.isEmpty()) {
                    if (claim.reason() == SearchBacklog.Reason.REINDEX) {
                        // A rebuild listed a crash that was never processed: the processor indexes it when it is.
                        done.add(claim);
                        dropped++;
                    } else if (claim.attempts() + 1 >= MAX_ATTEMPTS) {
                        backlog.park(claim, "processed crash not found in storage");
                        parked++;
                    } else {
                        backlog.retryLater(claim, "processed crash not found in storage", backoff(claim));
                        retried++;
                    }
                    continue;
                }
                try {
                    JsonNode processedJson = MAPPER.readTree(processed.get());
                    JsonNode raw = null;
                    Optional<byte[]> rawBytes = source.rawCrash(claim.crashId());
                    if (rawBytes.isPresent()) {
                        raw = MAPPER.readTree(rawBytes.get());
                    }
                    CrashDocument doc = builder.build(processedJson, raw);
                    if (!doc.id().equals(claim.crashId())) {
                        throw new IllegalArgumentException("stored processed crash has id " + doc.id());
                    }
                    docs.add(doc);
                    byId.put(doc.id(), claim);
                } catch (IOException | IllegalArgumentException e) {
                    backlog.park(claim, "processed crash cannot be indexed: " + e.getMessage());
                    parked++;
                }
            }
            backlog.complete(done);
            done.clear();
            Map<String, CrashIndexWriter.Result> results;
            try {
                results = writer.writeAll(docs);
            } catch (SearchUnavailableException e) {
                availability.markDown(e.getMessage());
                backlog.release(byId.values());
                return new Result(indexed, retried, parked, dropped, true);
            }
            availability.markUp();
            List<SearchBacklog.Claim> released = new ArrayList<>();
            for (Map.Entry<String, CrashIndexWriter.Result> e : results.entrySet()) {
                SearchBacklog.Claim claim = byId.get(e.getKey());
                switch (e.getValue().status()) {
                    case WRITTEN -> {
                        done.add(claim);
                        indexed++;
                    }
                    case RETRY -> {
                        released.add(claim);
                        retried++;
                    }
                    case REJECTED -> {
                        LOG.warnf("search index rejected crash %s: %s", claim.crashId(), e.getValue().error());
                        backlog.park(claim, e.getValue().error());
                        parked++;
                    }
                }
            }
            backlog.complete(done);
            if (!released.isEmpty()) {
                // Overloaded: leave the rest for the next run.
                backlog.release(released);
                return new Result(indexed, retried, parked, dropped, true);
            }
        }
        return new Result(indexed, retried, parked, dropped, false);
    }

    private static Duration backoff(SearchBacklog.Claim claim) {
        long seconds = Math.min(3600, 30L << Math.min(claim.attempts(), 7));
        return Duration.ofSeconds(seconds);
    }

    private Optional<ProcessedCrashSource> source() {
        if (sources.isResolvable()) {
            return Optional.of(sources.get());
        }
        if (!warnedNoSource) {
            warnedNoSource = true;
            LOG.warn("no ProcessedCrashSource bean: the search backlog is kept but not drained");
        }
        return Optional.empty();
    }
}
