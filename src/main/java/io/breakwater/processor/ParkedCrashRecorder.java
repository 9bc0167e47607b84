package io.breakwater.processor;

import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.QueueItem;
import io.breakwater.storage.CrashStorage;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The queue parks by itself a crash whose worker died during its last attempt; no worker is left to write
 * the failure record then. This sweep writes one for every recently parked crash that has a raw crash but
 * no processed crash, so a parked crash is always visible.
 */
@ApplicationScoped
public class ParkedCrashRecorder {

    private static final Logger LOG = Logger.getLogger(ParkedCrashRecorder.class);
    private static final int BATCH = 100;
    private static final int REMEMBERED = 10_000;

    private final CrashQueue queue;
    private final CrashStorage storage;
    private final CrashWorkflow workflow;
    private final ProcessorConfig config;
    /** Parked items already looked at, so each is checked in storage once. */
    private final Set<Long> seen = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    @Inject
    public ParkedCrashRecorder(CrashQueue queue, CrashStorage storage, CrashWorkflow workflow, ProcessorConfig config) {
        this.queue = queue;
        this.storage = storage;
        this.workflow = workflow;
        this.config = config;
    }

    @Scheduled(every = "${breakwater.processor.parked-sweep:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!config.enabled()) return;
        try {
            int recorded = recordMissing();
            if (recorded > 0) LOG.infof("wrote failure records for %d parked crash(es)", recorded);
        } catch (RuntimeException e) {
            LOG.debugf("parked-crash sweep skipped: %s", e.getMessage());
        }
    }

    /** Writes missing failure records; returns how many were written. */
    synchronized int recordMissing() {
        int recorded = 0;
        for (QueueItem item : queue.listParked(BATCH)) {
            if (!seen.add(item.id())) continue;
            // A parked id that is not a crash id has nothing in storage to describe; skip, don't stop the sweep.
            if (!io.breakwater.storage.CrashIds.isValid(item.crashId())) continue;
            if (storage.processedCrashExists(item.crashId()) || !storage.rawCrashExists(item.crashId())) continue;
            workflow.storeParkedCrash(item, item.lastError() == null ? "parked" : item.lastError());
            recorded++;
        }
        return recorded;
    }
}
