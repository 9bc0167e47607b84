package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.queue.QueueItem;
import io.breakwater.queue.QueueState;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashKeys;
import io.breakwater.storage.CrashStorage;
import io.breakwater.storage.ObjectStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.breakwater.processor.ProcessingTestSupport.awaitSettled;
import static io.breakwater.processor.ProcessingTestSupport.processed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker pool against real PostgreSQL and object storage: bad input ends visible, never lost. */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class ProcessorQuarkusTest {

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    ObjectStore store;

    @Inject
    javax.sql.DataSource dataSource;

    @Inject
    ParkedCrashRecorder recorder;

    static String newId() {
        return CrashIds.create(LocalDate.now(ZoneOffset.UTC), 0);
    }

    static Map<String, Object> rawCrash(String id) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("uuid", id);
        raw.put("submitted_timestamp", java.time.Instant.now().toString());
        raw.put("ProductName", "Garbage\u0000App");
        raw.put("Version", "3.1");
        raw.put("Nothing", null);
        return raw;
    }

    @Test
    void garbageDumpEndsUnsuccessfulWithNotes() throws Exception {
        String id = newId();
        Path dump = Files.createTempFile("garbage", ".dmp");
        try {
            Files.write(dump, "this is not a minidump at all".repeat(10).getBytes(StandardCharsets.UTF_8));
            storage.saveCrash(id, rawCrash(id), Map.of("upload_file_minidump", dump));
        } finally {
            Files.deleteIfExists(dump);
        }
        queue.enqueue(id, Lane.STANDARD);

        JsonNode p = awaitSettled(storage, queue, id);
        assertFalse(p.get("success").asBoolean(), p.toString());
        assertTrue(p.get("processor_notes").asText().contains("stackwalk of upload_file_minidump failed"),
                p.get("processor_notes").asText());
        assertEquals(id, p.get("crash_id").asText());
        assertEquals("GarbageApp", p.get("product").asText(), "sanitised before copying");
        assertEquals(3, p.get("major_version").asInt());
        assertEquals(64, p.get("minidump_sha256_hash").asText().length());
        assertTrue(queue.findByCrashId(id).isEmpty(), "a garbage dump is an outcome, not a retry");
    }

    @Test
    void rawCrashThatIsNotJsonIsParkedWithAFailureRecord() throws Exception {
        String id = newId();
        Path dump = Files.createTempFile("empty", ".dmp");
        try {
            storage.saveCrash(id, "{not json".getBytes(StandardCharsets.UTF_8), Map.of("upload_file_minidump", dump));
        } finally {
            Files.deleteIfExists(dump);
        }
        queue.enqueue(id, Lane.STANDARD);

        JsonNode p = awaitSettled(storage, queue, id);
        assertFalse(p.get("success").asBoolean());
        assertTrue(p.get("processor_notes").asText().contains("not a JSON object"));
        List<QueueItem> items = queue.findByCrashId(id);
        assertEquals(1, items.size());
        assertEquals(QueueState.PARKED, items.get(0).state());
        assertEquals(1, items.get(0).attempts(), "broken input is not retried");
    }

    @Test
    void unknownCrashIsParkedWithoutInventingARecord() throws Exception {
        String id = newId();
        queue.enqueue(id, Lane.PRIORITY);
        QueueItem parked = ProcessingTestSupport.await(() -> queue.findByCrashId(id).stream()
                .filter(i -> i.state() == QueueState.PARKED).findFirst().orElse(null), "park");
        assertTrue(parked.lastError().contains("not found"));
        assertNull(processed(storage, id));
        assertFalse(store.exists(store.crashBucket(), CrashKeys.processedCrash(id)));
    }

    @Test
    void crashParkedByTheQueueItselfGetsAFailureRecord() throws Exception {
        // As the queue leaves it when a worker dies holding the last attempt: parked, no processed crash.
        String id = newId();
        Path dump = Files.createTempFile("parked", ".dmp");
        try {
            storage.saveCrash(id, rawCrash(id), Map.of("upload_file_minidump", dump));
        } finally {
            Files.deleteIfExists(dump);
        }
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "INSERT INTO crash_queue (crash_id, lane, state, attempts, last_error) VALUES (?, 'STANDARD', 'PARKED', 5, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "lease of worker-x expired on attempt 5");
            ps.executeUpdate();
        }
        assertNull(processed(storage, id));
        assertTrue(recorder.recordMissing() >= 1);
        JsonNode p = processed(storage, id);
        assertFalse(p.get("success").asBoolean());
        assertTrue(p.get("processor_notes").asText().contains("lease of worker-x expired"), p.toString());
        assertEquals(0, recorder.recordMissing(), "each parked item is recorded once");
    }
}
