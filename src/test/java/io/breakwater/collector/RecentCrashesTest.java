package io.breakwater.collector;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentCrashesTest {

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final RecentCrashes recent = new RecentCrashes(Duration.ofMinutes(10), 3, Duration.ofSeconds(5), clock);

    private static Map<String, ReceivedDump> dump(String sha) {
        return Map.of("upload_file_minidump", new ReceivedDump("upload_file_minidump", Path.of("x"), 1, sha));
    }

    private String stored(String key, String crashId) {
        RecentCrashes.Lookup claim = recent.lookUp(key);
        assertFalse(claim.isDuplicate());
        recent.finish(key, claim, crashId);
        return crashId;
    }

    @Test
    void keyDependsOnAnnotationsAndDumpHashesNotOnOrder() {
        String k = RecentCrashes.key(Map.of("A", "1", "B", "2"), dump("aa"));
        assertEquals(k, RecentCrashes.key(new java.util.TreeMap<>(Map.of("B", "2", "A", "1")), dump("aa")));
        assertNotEquals(k, RecentCrashes.key(Map.of("A", "1", "B", "2"), dump("ab")));
        assertNotEquals(k, RecentCrashes.key(Map.of("A", "1", "B", "3"), dump("aa")));
        // Length prefixes: moving a character between name and value changes the key.
        assertNotEquals(RecentCrashes.key(Map.of("AB", "C"), dump("aa")), RecentCrashes.key(Map.of("A", "BC"), dump("aa")));
    }

    @Test
    void storedCrashIsFoundWithinTheWindowOnly() {
        stored("k", "id-1");
        assertEquals("id-1", recent.lookUp("k").earlierCrashId());

        clock.now = clock.now.plus(Duration.ofMinutes(11));
        RecentCrashes.Lookup later = recent.lookUp("k");
        assertFalse(later.isDuplicate());
        assertTrue(later.claim() != null);
    }

    @Test
    void aClaimThatStoredNothingIsForgotten() {
        RecentCrashes.Lookup claim = recent.lookUp("k");
        recent.finish("k", claim, null);
        assertFalse(recent.lookUp("k").isDuplicate());
    }

    @Test
    void oldestEntriesGoFirstWhenFull() {
        stored("a", "1");
        stored("b", "2");
        stored("c", "3");
        stored("d", "4");
        assertEquals(3, recent.size());
        assertEquals("4", recent.lookUp("d").earlierCrashId());
        assertFalse(recent.lookUp("a").isDuplicate());
    }

    @Test
    void aTwinBeingStoredIsWaitedFor() throws Exception {
        RecentCrashes.Lookup first = recent.lookUp("k");
        CompletableFuture<RecentCrashes.Lookup> second = CompletableFuture.supplyAsync(() -> recent.lookUp("k"));
        recent.finish("k", first, "id-1");
        assertEquals("id-1", second.get().earlierCrashId());
    }

    @Test
    void zeroWindowTurnsItOff() {
        RecentCrashes off = new RecentCrashes(Duration.ZERO, 10, Duration.ofSeconds(1), clock);
        RecentCrashes.Lookup claim = off.lookUp("k");
        off.finish("k", claim, "id");
        assertNull(off.lookUp("k").earlierCrashId());
    }
}
