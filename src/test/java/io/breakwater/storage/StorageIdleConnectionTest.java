package io.breakwater.storage;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * s3proxy closes connections idle for 30 s; a pooled connection reused after that used to fail the next
 * read with an EOF (a 503 on the report page). Pooled connections must be dropped before the server does.
 */
@QuarkusTest
class StorageIdleConnectionTest {

    @Inject
    CrashStorage storage;

    @Test
    void readAfterTheServersIdleTimeoutStillWorks() throws Exception {
        String id = CrashIds.create(CrashIds.todayUtc(), 0);
        byte[] json = "{\"uuid\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        storage.saveProcessedCrash(id, json);
        assertTrue(storage.loadProcessedCrashBytes(id).isPresent());

        Thread.sleep(35_000);

        Optional<byte[]> again = storage.loadProcessedCrashBytes(id);
        assertEquals(new String(json, StandardCharsets.UTF_8), new String(again.orElseThrow(), StandardCharsets.UTF_8));
    }
}
