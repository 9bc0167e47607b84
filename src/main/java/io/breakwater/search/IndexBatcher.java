package io.breakwater.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Indexes the processor's crashes in bulk requests. A crash's future completes once its batch was written
 * (or went to the backlog), so whoever waits for it, the queue's completion, knows the crash is searchable
 * or will be. A batch goes out when it is full or its first crash has waited {@link SearchBulkConfig#linger};
 * one request per batch instead of per crash is most of what Elasticsearch spends on a crash.
 */
@ApplicationScoped
public class IndexBatcher {

    private static final Logger LOG = Logger.getLogger(IndexBatcher.class);

    private final CrashIndexer indexer;
    private final int maxDocs;
    private final long lingerNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private List<Pending> pending = new ArrayList<>();
    private long firstPendingAt;
    private Thread writer;
    private boolean stopped;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong documents = new AtomicLong();

    private record Pending(CrashDocument doc, CompletableFuture<CrashIndexer.Outcome> done) { }

    @Inject
    public IndexBatcher(CrashIndexer indexer, SearchBulkConfig config) {
        this(indexer, config.maxDocs(), config.linger());
    }

    IndexBatcher(CrashIndexer indexer, int maxDocs, Duration linger) {
        if (maxDocs < 1) throw new IllegalArgumentException("breakwater.search.bulk.max-docs must be at least 1");
        if (linger.isNegative()) throw new IllegalArgumentException("breakwater.search.bulk.linger must not be negative");
        this.indexer = indexer;
        this.maxDocs = maxDocs;
        this.lingerNanos = linger.toNanos();
    }

    /**
     * Queues a processed crash for the next bulk request. The future never fails for Elasticsearch's sake
     * (the backlog takes what it refuses or cannot take); it fails only when the backlog could not be
     * written either.
     */
    public CompletableFuture<CrashIndexer.Outcome> submit(JsonNode processedCrash, JsonNode rawCrash) {
        var doc = indexer.document(processedCrash, rawCrash);
        if (doc.isEmpty()) {
            return CompletableFuture.completedFuture(CrashIndexer.Outcome.REJECTED);
        }
        Pending item = new Pending(doc.get(), new CompletableFuture<>());
        lock.lock();
        try {
            if (!stopped) {
                if (pending.isEmpty()) firstPendingAt = System.nanoTime();
                pending.add(item);
                startWriterIfNeeded();
                changed.signalAll();
                return item.done();
            }
        } finally {
            lock.unlock();
        }
        // Shutting down: whatever still arrives is written at once, on the caller's thread.
        write(List.of(item));
        return item.done();
    }

    /** Bulk requests sent so far; for tests and metrics. */
    public long requestCount() {
        return requests.get();
    }

    /** Documents sent in bulk requests so far. */
    public long documentCount() {
        return documents.get();
    }

    private void startWriterIfNeeded() {
        if (writer == null) {
            writer = new Thread(this::run, "search-bulk-writer");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void run() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                batch = awaitBatch();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (batch == null) return;
            write(batch);
        }
    }

    /** The next batch once full or lingered long enough; everything left once stopped; null when done. */
    private List<Pending> awaitBatch() throws InterruptedException {
        while (true) {
            if (pending.isEmpty()) {
                if (stopped) return null;
                changed.await();
                continue;
            }
            long waited = System.nanoTime() - firstPendingAt;
            if (pending.size() >= maxDocs || waited >= lingerNanos || stopped) {
                return take();
            }
            changed.awaitNanos(lingerNanos - waited);
        }
    }

    private List<Pending> take() {
        List<Pending> batch;
        if (pending.size() <= maxDocs) {
            batch = pending;
            pending = new ArrayList<>();
        } else {
            batch = new ArrayList<>(pending.subList(0, maxDocs));
            pending = new ArrayList<>(pending.subList(maxDocs, pending.size()));
        }
        // What is left keeps firstPendingAt: it has waited already and goes next, without a new linger.
        return batch;
    }

    private void write(List<Pending> batch) {
        requests.incrementAndGet();
        documents.addAndGet(batch.size());
        try {
            Map<String, CrashIndexer.Outcome> outcomes = indexer.indexDocuments(batch.stream().map(Pending::doc).toList());
            for (Pending p : batch) {
                p.done().complete(outcomes.getOrDefault(p.doc().id(), CrashIndexer.Outcome.QUEUED));
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // Contained, so the writer lives on: each crash's queue item is completed or comes back with its lease.
            LOG.errorf("%d crash(es) neither indexed nor kept in the search backlog: %s", batch.size(), e.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /** Writes what is waiting and stops the writer; later crashes are written one call at a time. */
    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    void stop() {
        Thread running;
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
            running = writer;
        } finally {
            lock.unlock();
        }
        if (running == null) return;
        try {
            running.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
