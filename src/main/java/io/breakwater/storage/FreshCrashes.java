package io.breakwater.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crashes this instance has just stored, kept for its own processor so that it does not read back from
 * object storage what the collector had in hand a moment ago (raw crash, dump list, dumps: three GETs per
 * crash, plus the look-up of an earlier processed crash, which a new crash cannot have). Only a cache:
 * object storage stays the record, and a crash that is not here (evicted, expired, restarted, processed on
 * another instance, a retry) is read from storage as before. Nothing is kept until a processor on this
 * instance has called {@link #enable()}.
 *
 * <p>The raw crash is kept in memory (a few KB); dump files are moved into this cache's directory. Bounded
 * by entries, by dump bytes and by age; the oldest entries go first.
 */
@ApplicationScoped
public class FreshCrashes {

    private static final Logger LOG = Logger.getLogger(FreshCrashes.class);

    /** One crash as the collector stored it. The taker owns the dump files and deletes them when done. */
    public record Fresh(String crashId, byte[] rawCrashJson, Map<String, Path> dumps, long dumpBytes, Instant storedAt) {
    }

    private final FreshCrashesConfig config;
    private final Clock clock;
    private final Path dir;
    private final Map<String, Fresh> entries = new LinkedHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private long bytes;
    private volatile boolean enabled;

    @Inject
    public FreshCrashes(FreshCrashesConfig config) {
        this(config, Clock.systemUTC());
    }

    public FreshCrashes(FreshCrashesConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.dir = LocalFiles.processDirectory(
                config.dir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "breakwater-fresh-crashes")), "");
    }

    /** Called by a processor that runs on this instance: from now on, stored crashes are kept for it. */
    public synchronized void enable() {
        if (enabled || config.maxEntries() <= 0) {
            return;
        }
        try {
            // What killed runs left: nobody will take it, the crashes are in storage. Live instances keep theirs.
            LocalFiles.deleteEndedProcessDirectories(dir.getParent(), "");
            Files.createDirectories(dir);
            enabled = true;
        } catch (IOException e) {
            LOG.warnf("fresh crashes not kept (cannot create %s): %s", dir, e.getMessage());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Keeps a crash that is stored and about to be queued, moving its dump files here (the caller's copies
     * are gone afterwards unless keeping failed, which it reports with false and leaves the files alone).
     */
    public boolean keep(String crashId, byte[] rawCrashJson, Map<String, Path> dumpFiles) {
        if (!enabled) {
            return false;
        }
        long size = 0;
        for (Path file : dumpFiles.values()) {
            try {
                size += Files.size(file);
            } catch (IOException e) {
                return false;
            }
        }
        if (size > config.maxBytes()) {
            return false;
        }
        Path crashDir = dir.resolve(crashId);
        Map<String, Path> moved = new LinkedHashMap<>();
        try {
            Files.createDirectories(crashDir);
            for (Map.Entry<String, Path> dump : dumpFiles.entrySet()) {
                Path target = crashDir.resolve(dump.getKey());
                Files.move(dump.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
                moved.put(dump.getKey(), target);
            }
        } catch (IOException | RuntimeException e) {
            // Put back what was moved, so the caller's clean-up still finds its files.
            moved.forEach((name, file) -> moveQuietly(file, dumpFiles.get(name)));
            LocalFiles.deleteTreeQuietly(crashDir);
            LOG.debugf("crash %s not kept for the processor: %s", crashId, e.getMessage());
            return false;
        }
        Fresh fresh = new Fresh(crashId, rawCrashJson, Map.copyOf(moved), size, clock.instant());
        synchronized (this) {
            remove(crashId); // kept twice: its files were just replaced in the same directory
            entries.put(crashId, fresh);
            bytes += size;
            evict();
        }
        return true;
    }

    /** Removes and returns the crash if it is still here and not expired; the caller then owns its files. */
    public Optional<Fresh> take(String crashId) {
        Fresh fresh;
        synchronized (this) {
            fresh = remove(crashId);
            evict();
        }
        if (fresh == null) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        if (expired(fresh)) {
            release(fresh);
            misses.incrementAndGet();
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(fresh);
    }

    /** Drops the crash if it is here (it was deleted, or could not be queued). */
    public void forget(String crashId) {
        Fresh fresh;
        synchronized (this) {
            fresh = remove(crashId);
        }
        if (fresh != null) {
            release(fresh);
        }
    }

    /** Deletes the dump files of a crash taken from here. */
    public void release(Fresh fresh) {
        LocalFiles.deleteTreeQuietly(dir.resolve(fresh.crashId()));
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** Removes an entry and its bytes from the count; null when absent. Called holding the lock. */
    private Fresh remove(String crashId) {
        Fresh fresh = entries.remove(crashId);
        if (fresh != null) {
            bytes -= fresh.dumpBytes();
        }
        return fresh;
    }

    /** Oldest first: over a bound or past the age limit. Called holding the lock. */
    private void evict() {
        Iterator<Fresh> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            Fresh fresh = oldest.next();
            if (entries.size() <= config.maxEntries() && bytes <= config.maxBytes() && !expired(fresh)) {
                break;
            }
            oldest.remove();
            bytes -= fresh.dumpBytes();
            release(fresh);
        }
    }

    private boolean expired(Fresh fresh) {
        Duration age = Duration.between(fresh.storedAt(), clock.instant());
        return age.compareTo(config.maxAge()) > 0;
    }

    private static void moveQuietly(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.debugf("could not move %s back: %s", from, e.getMessage());
        }
    }
}
