package io.breakwater.processor;

import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.QueueItem;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Completes queue items once their crash is in search: the stages finish a bulk request at a time, and
 * one thread completes whatever finished together in one statement. Until then an item stays claimed, so
 * a crash of the server before it is indexed is processed again once its lease runs out.
 */
final class QueueCompleter {

    private static final Logger LOG = Logger.getLogger(QueueCompleter.class);
    private static final int MAX_BATCH = 500;
    private static final int MAX_TRIES = 5;

    private final CrashQueue queue;
    private final Duration retryPause;
    private final LinkedBlockingQueue<QueueItem> ready = new LinkedBlockingQueue<>();
    /** Handed over and not yet completed (or given up on). */
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    QueueCompleter(CrashQueue queue, Duration retryPause) {
        this.queue = queue;
        this.retryPause = retryPause;
        this.thread = new Thread(this::run, "processor-queue-completer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Completes the item once {@code indexed} is done, however it ended: what search could not take is its backlog's. */
    void completeWhen(QueueItem item, CompletionStage<?> indexed) {
        outstanding.incrementAndGet();
        indexed.whenComplete((result, failure) -> ready.add(item));
    }

    /** Items completed in the queue so far. */
    long completedCount() {
        return completed.get();
    }

    /** Waits until every handed-over item is completed, or the deadline passes; then stops the thread. */
    void stop(long deadlineNanos) {
        while (outstanding.get() > 0 && System.nanoTime() - deadlineNanos < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopping = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (outstanding.get() > 0) {
            LOG.infof("shutdown: %d processed crash(es) not yet completed in the queue; their leases return them",
                    outstanding.get());
        }
    }

    private void run() {
        while (!stopping) {
            List<QueueItem> batch = new ArrayList<>();
            try {
                batch.add(ready.take());
            } catch (InterruptedException e) {
                if (stopping) break;
                continue;
            }
            ready.drainTo(batch, MAX_BATCH - 1);
            complete(batch);
        }
        // Stopping: what is ready already is still worth one statement.
        List<QueueItem> rest = new ArrayList<>();
        ready.drainTo(rest);
        if (!rest.isEmpty()) complete(rest);
    }

    private void complete(List<QueueItem> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<QueueItem> done = queue.completeAll(batch);
                if (done.size() < batch.size()) {
                    batch.stream().filter(item -> !done.contains(item)).forEach(item -> LOG.warnf(
                            "crash %s processed after its claim expired; the next run overwrites it", item.crashId()));
                }
                completed.addAndGet(done.size());
                break;
            } catch (RuntimeException e) {
                if (attempt >= MAX_TRIES || stopping) {
                    LOG.warnf("%d processed crash(es) not completed in the queue (%s); their leases return them",
                            batch.size(), e.getMessage());
                    break;
                }
                try {
                    Thread.sleep(retryPause.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    if (stopping) break;
                }
            }
        }
        outstanding.addAndGet(-batch.size());
    }
}
