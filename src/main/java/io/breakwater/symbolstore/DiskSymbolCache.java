package io.breakwater.symbolstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Raw {@code .sym} files downloaded from object storage, kept on local disk so a restart does not fetch
 * them again. Bounded by total file bytes with least-recently-used eviction; the order survives restarts
 * through the files' modification times, which are bumped on use.
 * <p>
 * Layout: {@code <root>/<debug_file>/<DEBUG_ID>/<version>.sym}, where the version is the object's ETag,
 * so a copy that no longer matches the stored object is recognised as stale. Downloads go to
 * {@code <root>/.part-*} files first and are moved into place whole. The symbol index has no serialised
 * form, so the cache holds the text and parsing happens again after a restart.
 */
public final class DiskSymbolCache {

    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    private static final String PART_PREFIX = ".part-";

    /** A cached file and the object version it is a copy of. */
    public record Cached(String version, long size, InputStream stream) {}

    public record Stats(int entries, long bytes, long maxBytes, long hits, long misses, long stores, long evictions) {}

    private record Entry(String version, long size) {}

    private final Path root;
    private final long maxBytes;
    private final LinkedHashMap<SymbolKey, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long stores;
    private long evictions;

    /** Opens (creating it if needed) the cache at {@code root}, adopting the files already there. */
    public DiskSymbolCache(Path root, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache size must not be negative");
        }
        this.root = root.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create symbol cache directory " + this.root, e);
        }
        adoptExisting();
    }

    public Path root() {
        return root;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Turns an ETag (quoted, possibly with a part count) into a file-name-safe version string. */
    public static String versionOf(String etag) {
        if (etag == null) {
            return "unversioned";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < etag.length() && out.length() < 64; i++) {
            char c = etag.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_') {
                out.append(c);
            }
        }
        return out.isEmpty() ? "unversioned" : out.toString();
    }

    /**
     * Opens the cached copy of {@code key}; when {@code version} is not null, only a copy of that version
     * (a different one is deleted). The caller closes the stream. Counts as a use for LRU order.
     */
    public Optional<Cached> open(SymbolKey key, String version) {
        Path file;
        Entry entry;
        synchronized (this) {
            entry = entries.get(key);
            if (entry == null) {
                misses++;
                return Optional.empty();
            }
            file = fileOf(key, entry.version);
            if (version != null && !version.equals(entry.version)) {
                remove(key, entry);
                misses++;
                return Optional.empty();
            }
            try {
                // Opened under the lock so an eviction cannot delete the file in between; on POSIX
                // systems an open file stays readable after it is deleted.
                InputStream in = Files.newInputStream(file);
                hits++;
                touch(file);
                return Optional.of(new Cached(entry.version, entry.size, in));
            } catch (NoSuchFileException gone) {
                entries.remove(key);
                bytes -= entry.size;
                misses++;
                return Optional.empty();
            } catch (IOException e) {
                misses++;
                return Optional.empty();
            }
        }
    }

    /** The version of the cached copy of {@code key}, if there is one. Not a use. */
    public synchronized Optional<String> cachedVersion(SymbolKey key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.version);
    }

    /** A new empty file to download into; hand it to {@link #commit} or {@link #discard}. */
    public Path newPartFile() throws IOException {
        return Files.createFile(root.resolve(PART_PREFIX + UUID.randomUUID()));
    }

    /**
     * Moves a finished download into the cache as {@code key} at {@code version}, replacing any other
     * copy, then evicts least-recently-used files until the total fits. A file larger than the whole
     * cache is not kept. Returns whether it was kept.
     */
    public boolean commit(SymbolKey key, String version, Path partFile) throws IOException {
        if (!VERSION.matcher(version).matches()) {
            discard(partFile);
            throw new IllegalArgumentException("bad cache version " + version);
        }
        long size = Files.size(partFile);
        if (size > maxBytes) {
            discard(partFile);
            return false;
        }
        Path target = fileOf(key, version);
        synchronized (this) {
            Entry old = entries.remove(key);
            if (old != null) {
                bytes -= old.size;
                if (!old.version.equals(version)) {
                    deleteQuietly(fileOf(key, old.version));
                }
            }
            Files.createDirectories(target.getParent());
            Files.move(partFile, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            touch(target);
            entries.put(key, new Entry(version, size));
            bytes += size;
            stores++;
            evictOver(maxBytes, key);
        }
        return true;
    }

    public void discard(Path partFile) {
        deleteQuietly(partFile);
    }

    /** Forgets and deletes the cached copy of {@code key}, e.g. after new symbols were uploaded. */
    public synchronized void invalidate(SymbolKey key) {
        Entry e = entries.get(key);
        if (e != null) {
            remove(key, e);
        }
    }

    public synchronized void clear() {
        for (Map.Entry<SymbolKey, Entry> e : List.copyOf(entries.entrySet())) {
            remove(e.getKey(), e.getValue());
        }
    }

    public synchronized Stats stats() {
        return new Stats(entries.size(), bytes, maxBytes, hits, misses, stores, evictions);
    }

    /**
     * Removes files last used before {@code cutoff} (their modification time is touched on every use).
     * Returns how many were removed.
     */
    public synchronized int pruneUnusedSince(java.time.Instant cutoff) {
        int removed = 0;
        for (Map.Entry<SymbolKey, Entry> e : List.copyOf(entries.entrySet())) {
            Path file = fileOf(e.getKey(), e.getValue().version);
            try {
                if (!Files.exists(file) || Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    remove(e.getKey(), e.getValue());
                    removed++;
                }
            } catch (IOException unreadable) {
                remove(e.getKey(), e.getValue());
                removed++;
            }
        }
        return removed;
    }

    /** Keys from least to most recently used. */
    public synchronized List<SymbolKey> keysInLruOrder() {
        return List.copyOf(entries.keySet());
    }

    private void evictOver(long limit, SymbolKey keep) {
        Iterator<Map.Entry<SymbolKey, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > limit && eldest.hasNext()) {
            Map.Entry<SymbolKey, Entry> e = eldest.next();
            if (e.getKey().equals(keep)) {
                continue;
            }
            eldest.remove();
            bytes -= e.getValue().size;
            evictions++;
            deleteFileAndEmptyParents(e.getKey(), e.getValue().version);
        }
    }

    private void remove(SymbolKey key, Entry entry) {
        entries.remove(key);
        bytes -= entry.size;
        deleteFileAndEmptyParents(key, entry.version);
    }

    private Path fileOf(SymbolKey key, String version) {
        return root.resolve(key.debugFile()).resolve(key.debugId()).resolve(version + ".sym");
    }

    private void deleteFileAndEmptyParents(SymbolKey key, String version) {
        Path file = fileOf(key, version);
        deleteQuietly(file);
        // Leaves directories that are not empty (another version, a concurrent download) alone.
        for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException notEmpty) {
                break;
            }
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // Only the LRU order after a restart suffers.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover file is adopted or cleaned at the next start.
        }
    }

    /** Registers files left by an earlier run, oldest use first, and removes anything that does not belong. */
    private void adoptExisting() {
        List<Found> found = new ArrayList<>();
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            for (Path debugFileDir : top) {
                String name = debugFileDir.getFileName().toString();
                if (name.startsWith(PART_PREFIX)) {
                    deleteQuietly(debugFileDir); // an interrupted download
                    continue;
                }
                if (!Files.isDirectory(debugFileDir)) {
                    continue;
                }
                try (Stream<Path> files = Files.find(debugFileDir, 2, (p, a) -> a.isRegularFile())) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Found f = recognise(debugFileDir, file);
                        if (f == null) {
                            deleteQuietly(file);
                        } else {
                            found.add(f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read symbol cache directory " + root, e);
        }
        found.sort(Comparator.comparingLong(Found::modified));
        synchronized (this) {
            for (Found f : found) {
                Entry old = entries.get(f.key);
                if (old != null) {
                    // Two versions of one module: the older use loses.
                    remove(f.key, old);
                }
                entries.put(f.key, new Entry(f.version, f.size));
                bytes += f.size;
            }
            evictOver(maxBytes, null);
        }
    }

    private record Found(SymbolKey key, String version, long size, long modified) {}

    /** The entry {@code file} is, when it sits at {@code <debug_file>/<DEBUG_ID>/<version>.sym}; else null. */
    private static Found recognise(Path debugFileDir, Path file) {
        Path relative = debugFileDir.relativize(file);
        if (relative.getNameCount() != 2) {
            return null;
        }
        String id = relative.getName(0).toString();
        String name = relative.getName(1).toString();
        if (!name.endsWith(".sym")) {
            return null;
        }
        String version = name.substring(0, name.length() - 4);
        if (!VERSION.matcher(version).matches()) {
            return null;
        }
        SymbolKey key;
        try {
            key = new SymbolKey(debugFileDir.getFileName().toString(), id);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!key.debugId().equals(id)) {
            return null;
        }
        try {
            return new Found(key, version, Files.size(file), Files.getLastModifiedTime(file).toMillis());
        } catch (IOException e) {
            return null;
        }
    }
}
