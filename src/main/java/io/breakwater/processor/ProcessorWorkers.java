package io.breakwater.processor;

import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.QueueEvents;
import io.breakwater.queue.QueueItem;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.ConsumeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The processor's worker threads. Each claims one crash at a time from the queue (priority, standard,
 * reprocessing lanes in that order), runs it on a separate thread bounded by the per-crash timeout, and
 * records the outcome in the queue. Workers sleep until the queue's event-bus wake-up or the poll interval.
 * On shutdown no new claims are made; in-flight crashes get a grace period, then are released.
 */
@ApplicationScoped
public class ProcessorWorkers {

    private static final Logger LOG = Logger.getLogger(ProcessorWorkers.class);

    /** Margin between the processing timeout and the queue lease, so a claim never expires mid-attempt. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(60);

    private final CrashQueue queue;
    private final CrashWorkflow workflow;
    private final ProcessorConfig config;
    private final String nodeId;

    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong yielded = new AtomicLong();
    private BlockingQueue<Boolean> wakeUps;
    private ExecutorService crashThreads;
    private volatile QueueCompleter completer;
    private volatile boolean stopping;
    private volatile long graceDeadlineNanos = Long.MAX_VALUE;

    @Inject
    public ProcessorWorkers(CrashQueue queue, CrashWorkflow workflow, ProcessorConfig config) {
        this.queue = queue;
        this.workflow = workflow;
        this.config = config;
        this.nodeId = ManagementFactory.getRuntimeMXBean().getName();
    }

    @Inject
    io.breakwater.instance.Roles roles;

    @Inject
    io.breakwater.storage.FreshCrashes fresh;

    /** Null when built by hand (tests that do not set it): workers never pause then. */
    @Inject
    io.breakwater.queue.IntakeLoad intake;

    /** How long a paused worker waits before it looks at the intake again. */
    private static final Duration YIELD_PAUSE = Duration.ofMillis(50);

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled() || config.workers() < 1 || !roles.has(io.breakwater.instance.Roles.Role.PROCESSOR)) {
            LOG.info("Crash processor disabled on this instance");
            return;
        }
        // This instance processes: the collector may now hand its crashes over instead of our reading them back.
        fresh.enable();
        start();
    }

    synchronized void start() {
        if (!workers.isEmpty()) return;
        stopping = false;
        int count = config.workers();
        wakeUps = new ArrayBlockingQueue<>(count);
        completer = new QueueCompleter(queue, config.pollInterval());
        AtomicInteger crashThreadNumber = new AtomicInteger();
        crashThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "processor-crash-" + crashThreadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 1; i <= count; i++) {
            String workerId = nodeId + "/processor-" + i;
            boolean yields = i > 1; // the first worker never pauses, so the queue always drains
            Thread t = new Thread(() -> loop(workerId, yields), "processor-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        LOG.infof("Crash processor started: %d workers, timeout %s", count, config.timeout());
    }

    @ConsumeEvent(QueueEvents.WAKE_UP)
    void onWakeUp(String lane) {
        BlockingQueue<Boolean> tokens = wakeUps;
        if (tokens == null) return;
        // One token per worker at most: the queue table is the truth, tokens only cut the sleep short.
        while (tokens.offer(Boolean.TRUE)) {
            // fill
        }
    }

    private void loop(String workerId, boolean yieldsToIntake) {
        Duration lease = config.timeout().plus(LEASE_MARGIN);
        while (!stopping) {
            QueueItem item = null;
            try {
                if (yieldsToIntake && intakeIsBusy()) {
                    yielded.incrementAndGet();
                    Thread.sleep(YIELD_PAUSE.toMillis());
                    continue;
                }
                List<QueueItem> claimed = queue.claim(workerId, 1, lease);
                if (claimed.isEmpty()) {
                    wakeUps.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                item = claimed.get(0);
                handle(item);
            } catch (InterruptedException e) {
                break;
            } catch (OutOfMemoryError e) {
                // Contained like a walk's: the worker lives on; a held claim returns with its lease.
                LOG.errorf("processor worker %s: out of memory", workerId);
                sleepQuietly(config.pollInterval());
            } catch (RuntimeException e) {
                // Queue unreachable or similar: back off, the lease returns the item if we held one.
                LOG.warnf("processor worker %s: %s", workerId, CrashWorkflow.describe(e));
                sleepQuietly(config.pollInterval());
            }
        }
    }

    private boolean intakeIsBusy() {
        int threshold = config.yieldToIntakeAt();
        return threshold > 0 && intake != null && intake.inFlight() >= threshold;
    }

    /** Pauses of workers that gave way to submissions; for tests and metrics. */
    long yieldedCount() {
        return yielded.get();
    }

    private void handle(QueueItem item) throws InterruptedException {
        inFlight.incrementAndGet();
        Future<CrashWorkflow.Processed> future = crashThreads.submit(() -> workflow.process(item));
        try {
            awaitOutcome(item, future);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void awaitOutcome(QueueItem item, Future<CrashWorkflow.Processed> future) throws InterruptedException {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (true) {
            long wait = Math.min(deadline, graceDeadlineNanos) - System.nanoTime();
            try {
                CrashWorkflow.Processed done = future.get(
                        Math.max(0, Math.min(wait, TimeUnit.MILLISECONDS.toNanos(250))), TimeUnit.NANOSECONDS);
                processed.incrementAndGet();
                // The worker goes on; the item is completed once search has the crash, with others indexed alongside.
                completer.completeWhen(item, done.indexed());
                return;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (now - graceDeadlineNanos >= 0) {
                    future.cancel(true);
                    boolean released = queue.release(item);
                    LOG.infof("shutdown: crash %s released back to the queue (%s)", item.crashId(), released);
                    return;
                }
                if (now - deadline >= 0) {
                    // The interrupt stops the walk at its next cooperative check, which frees the thread.
                    future.cancel(true);
                    workflow.park(item, "timed out after " + config.timeout() + "; the walk was cancelled");
                    return;
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof OutOfMemoryError) {
                    // The walk's heap is garbage once its stack unwound; this crash is parked, the JVM serves on.
                    workflow.park(item, "out of memory while processing (" + cause.getMessage() + ")");
                } else if (cause instanceof InterruptedException && !stopping) {
                    workflow.park(item, "processing stopped: " + cause.getMessage());
                } else if (cause instanceof CrashWorkflow.PermanentFailure) {
                    LOG.warnf("crash %s parked: %s", item.crashId(), cause.getMessage());
                    queue.park(item, cause.getMessage());
                } else {
                    LOG.debugf(cause, "crash %s attempt %d failed", item.crashId(), item.attempts());
                    workflow.recordFailure(item, CrashWorkflow.describe(cause));
                }
                return;
            } catch (CancellationException e) {
                queue.release(item);
                return;
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops claiming, lets in-flight crashes finish within the grace period, then releases the rest. */
    synchronized void stop() {
        if (workers.isEmpty()) return;
        stopping = true;
        graceDeadlineNanos = System.nanoTime() + config.shutdownGrace().toNanos();
        onWakeUp("shutdown"); // idle workers see the flag at once
        long joinUntil = graceDeadlineNanos + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : workers) {
            try {
                long left = joinUntil - System.nanoTime();
                if (left > 0) t.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                if (t.isAlive()) t.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        completer.stop(graceDeadlineNanos);
        crashThreads.shutdownNow();
        workers.clear();
        wakeUps = null;
        graceDeadlineNanos = Long.MAX_VALUE;
        LOG.infof("Crash processor stopped after %d crashes", processed.get());
    }

    /** Crashes being processed right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Crashes processed and stored since start (search may still be on its way). */
    public long processedCount() {
        return processed.get();
    }

    /** Crashes processed, in search and completed in the queue since start. */
    public long completedCount() {
        QueueCompleter c = completer;
        return c == null ? 0 : c.completedCount();
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
