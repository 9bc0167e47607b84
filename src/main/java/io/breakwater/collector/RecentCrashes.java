package io.breakwater.collector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Crashes stored in the last few minutes, by a hash of their content, so that a client retrying a crash whose
 * answer it never got (connection lost after the crash was stored) gets the same crash id instead of storing
 * it twice. The content is what was parsed (annotations and the SHA-256 of each dump), not the raw body:
 * uploaders pick a new multipart boundary, or switch gzip, on every attempt. Bounded in size and time; a
 * submission whose twin is still being stored waits for it briefly.
 */
final class RecentCrashes {

    /** Result of {@link #lookUp}: the earlier crash's id, or a claim the caller must {@link #finish}. */
    record Lookup(String earlierCrashId, CompletableFuture<String> claim) {
        boolean isDuplicate() {
            return earlierCrashId != null;
        }
    }

    private record Entry(CompletableFuture<String> crashId, Instant expires) {
    }

    private static final Lookup NOTHING = new Lookup(null, null);

    private final Duration window;
    private final int maxEntries;
    private final Duration waitForTwin;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    RecentCrashes(Duration window, int maxEntries, Duration waitForTwin, Clock clock) {
        this.window = window;
        this.maxEntries = maxEntries;
        this.waitForTwin = waitForTwin;
        this.clock = clock;
    }

    boolean enabled() {
        return !window.isZero() && !window.isNegative() && maxEntries > 0;
    }

    /** Content key: annotations (sorted) and dumps by name and SHA-256. */
    static String key(Map<String, String> annotations, Map<String, ReceivedDump> dumps) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        new TreeMap<>(annotations).forEach((name, value) -> {
            field(sha256, "a", name);
            field(sha256, "v", value);
        });
        new TreeMap<>(dumps).forEach((name, dump) -> {
            field(sha256, "d", name);
            field(sha256, "h", dump.sha256());
        });
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void field(MessageDigest digest, String tag, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed so that no two different maps hash the same bytes.
        digest.update(tag.getBytes(StandardCharsets.US_ASCII));
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    /** The id of a crash with this content stored within the window, or a claim to store this one. */
    Lookup lookUp(String key) {
        if (!enabled()) {
            return NOTHING;
        }
        CompletableFuture<String> twin;
        synchronized (this) {
            evictExpired();
            Entry entry = entries.get(key);
            if (entry == null) {
                CompletableFuture<String> claim = new CompletableFuture<>();
                entries.put(key, new Entry(claim, null));
                evictOverflow();
                return new Lookup(null, claim);
            }
            twin = entry.crashId();
        }
        try {
            String id = twin.get(waitForTwin.toMillis(), TimeUnit.MILLISECONDS);
            if (id != null) {
                return new Lookup(id, null);
            }
        } catch (TimeoutException | ExecutionException e) {
            // The twin is slow or failed: store this one on its own.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return NOTHING;
    }

    /** Ends a claim: remembers the crash id when it was stored, forgets the claim otherwise (null). */
    void finish(String key, Lookup lookup, String crashId) {
        if (lookup.claim() == null) {
            return;
        }
        synchronized (this) {
            Entry current = entries.get(key);
            boolean ours = current != null && current.crashId() == lookup.claim();
            if (ours) {
                entries.remove(key);
            }
            if (crashId != null && (ours || current == null)) {
                // Re-inserted at the end: the map stays ordered by expiry for the sweep.
                entries.put(key, new Entry(lookup.claim(), clock.instant().plus(window)));
                evictOverflow();
            }
        }
        lookup.claim().complete(crashId);
    }

    synchronized int size() {
        return entries.size();
    }

    private void evictExpired() {
        Instant now = clock.instant();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.expires() == null) {
                continue;
            }
            if (entry.expires().isAfter(now)) {
                break;
            }
            it.remove();
        }
    }

    private void evictOverflow() {
        for (Iterator<Entry> it = entries.values().iterator(); entries.size() > maxEntries && it.hasNext(); ) {
            it.next();
            it.remove();
        }
    }
}
