package io.breakwater.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshCrashesTest {

    private static final byte[] RAW = "{\"ProductName\":\"App\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock();

    private FreshCrashes fresh(int maxEntries, long maxBytes) {
        return new FreshCrashes(new FreshCrashesConfig() {
            @Override
            public int maxEntries() {
                return maxEntries;
            }

            @Override
            public long maxBytes() {
                return maxBytes;
            }

            @Override
            public Duration maxAge() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Optional<Path> dir() {
                return Optional.of(temp.resolve("fresh"));
            }
        }, clock);
    }

    private Path dumpFile(String name, int size) throws IOException {
        Path file = temp.resolve("upload-" + name + "-" + System.nanoTime());
        Files.write(file, new byte[size]);
        return file;
    }

    private FreshCrashes cache;

    @BeforeEach
    void setUp() {
        cache = fresh(3, 1000);
    }

    @Test
    void keepsNothingUntilAProcessorEnablesIt() throws IOException {
        Path dump = dumpFile("a", 10);
        assertFalse(cache.keep("id-1", RAW, Map.of("upload_file_minidump", dump)));
        assertTrue(Files.exists(dump), "the caller's file stays where it was");
        assertTrue(cache.take("id-1").isEmpty());
    }

    @Test
    void handsOverTheRawCrashAndMovedDumpsOnce() throws IOException {
        cache.enable();
        Path dump = dumpFile("a", 10);
        assertTrue(cache.keep("id-1", RAW, Map.of("upload_file_minidump", dump)));
        assertFalse(Files.exists(dump), "moved, so the collector's clean-up has nothing left to delete");

        FreshCrashes.Fresh taken = cache.take("id-1").orElseThrow();
        assertArrayEquals(RAW, taken.rawCrashJson());
        Path kept = taken.dumps().get("upload_file_minidump");
        assertEquals(10, Files.size(kept));
        assertTrue(cache.take("id-1").isEmpty(), "taken once");
        assertEquals(1, cache.hits());
        assertEquals(1, cache.misses());

        cache.release(taken);
        assertFalse(Files.exists(kept));
    }

    @Test
    void dropsTheOldestBeyondTheEntryAndByteBounds() throws IOException {
        cache.enable();
        for (int i = 1; i <= 4; i++) {
            cache.keep("id-" + i, RAW, Map.of("d", dumpFile("d" + i, 100)));
        }
        assertEquals(3, cache.size());
        assertTrue(cache.take("id-1").isEmpty(), "the oldest went first");
        assertFalse(Files.exists(LocalFiles.processDirectory(temp.resolve("fresh"), "").resolve("id-1")),
                "and its files with it");

        cache.keep("id-5", RAW, Map.of("d", dumpFile("big", 800)));
        assertTrue(cache.bytes() <= 1000, "bytes kept: " + cache.bytes());
        assertTrue(cache.take("id-5").isPresent(), "the newest stays");

        Path tooBig = dumpFile("huge", 1001);
        assertFalse(cache.keep("id-6", RAW, Map.of("d", tooBig)), "larger than the whole cache");
        assertTrue(Files.exists(tooBig));
    }

    @Test
    void anExpiredCrashIsAMissAndIsDeleted() throws IOException {
        cache.enable();
        cache.keep("id-1", RAW, Map.of("d", dumpFile("d", 10)));
        clock.advance(Duration.ofMinutes(11));
        assertTrue(cache.take("id-1").isEmpty());
        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
    }

    @Test
    void forgetDeletesAKeptCrash() throws IOException {
        cache.enable();
        cache.keep("id-1", RAW, Map.of("d", dumpFile("d", 10)));
        cache.forget("id-1");
        assertTrue(cache.take("id-1").isEmpty());
        assertEquals(0, cache.bytes());
    }

    @Test
    void startingDeletesWhatEndedRunsLeftButNotWhatLiveOnesKeep() throws IOException {
        Path root = temp.resolve("fresh");
        Path ended = Files.createDirectories(root.resolve(Long.toString(Long.MAX_VALUE)).resolve("some-crash"));
        Files.write(ended.resolve("upload_file_minidump"), new byte[10]);
        long livePid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path live = Files.createDirectories(root.resolve(Long.toString(livePid)).resolve("other-crash"));
        Path notARun = Files.createDirectories(root.resolve("README"));
        // This pid's directory from an earlier run (a container's server is pid 1 every time).
        Path earlierSelf = Files.createDirectories(root.resolve(Long.toString(ProcessHandle.current().pid())));

        cache.enable();
        assertFalse(Files.exists(ended.getParent()), "the run that ended is gone");
        assertFalse(Files.exists(earlierSelf), "an earlier run under this pid is gone");
        assertTrue(Files.isDirectory(LocalFiles.processDirectory(root, "")), "this run's directory is made");
        assertTrue(Files.exists(live), "a live process's crashes stay");
        assertTrue(Files.exists(notARun));
    }

    @Test
    void zeroEntriesTurnsItOff() throws IOException {
        FreshCrashes off = fresh(0, 1000);
        off.enable();
        assertFalse(off.enabled());
        assertFalse(off.keep("id-1", RAW, Map.of("d", dumpFile("d", 10))));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
