package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.QueueItem;
import io.breakwater.queue.QueueState;
import io.breakwater.storage.CrashStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Waiting for the asynchronous processor in tests. */
final class ProcessingTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(120);

    private ProcessingTestSupport() {}

    static JsonNode processed(CrashStorage storage, String crashId) {
        return storage.loadProcessedCrashBytes(crashId).map(bytes -> {
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(null);
    }

    /** Waits until the crash has no queue item left (or only parked ones) and returns its processed crash. */
    static JsonNode awaitSettled(CrashStorage storage, CrashQueue queue, String crashId) throws InterruptedException {
        return await(() -> {
            List<QueueItem> items = queue.findByCrashId(crashId);
            boolean settled = items.stream().allMatch(i -> i.state() == QueueState.PARKED);
            return settled ? processed(storage, crashId) : null;
        }, "crash " + crashId + " to be processed");
    }

    static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) return value;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }
}
