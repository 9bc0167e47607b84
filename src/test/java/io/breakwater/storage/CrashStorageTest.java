package io.breakwater.storage;

import io.breakwater.testsupport.TestStorage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the test JVM's real s3proxy, in a bucket of its own. */
class CrashStorageTest {

    private static ObjectStore store;
    private static CrashStorage storage;

    @TempDir
    Path temp;

    @BeforeAll
    static void connect() {
        S3Config config = TestStorage.config(TestStorage.sharedEndpoint(), "crash-storage-test");
        store = TestStorage.store(config);
        storage = new CrashStorage(store);
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(temp.resolve(name), content);
    }

    @Test
    void savesUnderSocorroKeysAndReadsBack() throws IOException {
        String id = CrashIds.create(LocalDate.of(2024, 3, 7), 0);
        byte[] main = "MDMP main".getBytes(StandardCharsets.UTF_8);
        byte[] browser = new byte[200_000];
        new java.util.Random(3).nextBytes(browser);
        Map<String, Path> dumps = new LinkedHashMap<>();
        dumps.put("upload_file_minidump", file("a", main));
        dumps.put("upload_file_minidump_browser", file("b", browser));

        storage.saveCrash(id, Map.of("ProductName", "Firefox", "uuid", id), dumps);

        List<String> keys = store.list(store.crashBucket(), "v1/", 1000).stream().filter(k -> k.endsWith(id)).sorted().toList();
        assertEquals(List.of(
                "v1/dump_names/" + id,
                "v1/raw_crash/20240307/" + id,
                "v1/upload_file_minidump/" + id,
                "v1/upload_file_minidump_browser/" + id), keys);
        assertEquals(Map.of("ProductName", "Firefox", "uuid", id), storage.loadRawCrash(id).orElseThrow());
        assertEquals(List.of("upload_file_minidump", "upload_file_minidump_browser"), storage.listDumps(id));
        assertArrayEquals(main, storage.loadDumps(id).get("upload_file_minidump"));
        try (InputStream in = storage.openDump(id, "upload_file_minidump_browser").orElseThrow()) {
            assertArrayEquals(browser, in.readAllBytes());
        }
        Path copy = temp.resolve("copy");
        assertTrue(storage.copyDumpTo(id, "upload_file_minidump_browser", copy));
        assertArrayEquals(browser, Files.readAllBytes(copy));
        assertEquals(200_000L, storage.dumpSize(id, "upload_file_minidump_browser").orElseThrow());
        assertTrue(storage.rawCrashExists(id));
        assertTrue(storage.listRawCrashIds("20240307", 10_000).contains(id));

        assertFalse(storage.processedCrashExists(id));
        storage.saveProcessedCrash(id, Map.of("signature", "foo | bar", "crash_id", id));
        assertEquals("foo | bar", storage.loadProcessedCrash(id).orElseThrow().get("signature"));
        assertTrue(storage.processedCrashExists(id));
    }

    @Test
    void unknownCrashesAreEmptyNotErrors() {
        String id = CrashIds.create(LocalDate.of(2024, 3, 8), 0);
        assertTrue(storage.loadRawCrash(id).isEmpty());
        assertTrue(storage.loadProcessedCrash(id).isEmpty());
        assertEquals(List.of(), storage.listDumps(id));
        assertTrue(storage.openDump(id, "upload_file_minidump").isEmpty());
        assertFalse(storage.dumpExists(id, "upload_file_minidump"));
    }

    @Test
    void aFailedSaveLeavesNoRawCrashAndRemovesWrittenDumps() throws IOException {
        String id = CrashIds.create(LocalDate.of(2024, 3, 9), 0);
        Map<String, Path> dumps = new LinkedHashMap<>();
        dumps.put("upload_file_minidump", file("ok", new byte[]{1, 2, 3}));
        dumps.put("upload_file_minidump_content", temp.resolve("missing-file"));

        assertThrows(StorageException.class, () -> storage.saveCrash(id, Map.of("ProductName", "X"), dumps));

        assertFalse(storage.rawCrashExists(id));
        assertFalse(storage.dumpExists(id, "upload_file_minidump"));
        assertEquals(List.of(), storage.listDumps(id));
    }

    @Test
    void refusesBadIdsAndNamesBeforeTouchingStorage() {
        assertThrows(IllegalArgumentException.class, () -> storage.saveCrash("../x", Map.of(), Map.of()));
        String id = CrashIds.create(LocalDate.of(2024, 3, 9), 0);
        assertThrows(IllegalArgumentException.class,
                () -> storage.saveCrash(id, Map.of(), Map.of("raw_crash", temp.resolve("x"))));
    }

    @Test
    void unreachableStorageFailsCallsButNotConstruction() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ObjectStore down = TestStorage.store(TestStorage.config("http://127.0.0.1:" + closedPort, "down-bucket"));
        down.onStart(null); // logs and carries on
        assertFalse(down.ping());
        StorageException e = assertThrows(StorageException.class, () -> down.get(down.crashBucket(), "v1/x"));
        assertTrue(e.getMessage().contains("create bucket"), e.getMessage());
    }
}
