package io.breakwater.symbolstore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskSymbolCacheTest {

    @TempDir
    Path root;

    private static SymbolKey key(int i) {
        return new SymbolKey("lib" + i + ".so", String.format("%032X0", i));
    }

    private static void put(DiskSymbolCache cache, SymbolKey key, String version, int size) throws IOException {
        Path part = cache.newPartFile();
        Files.write(part, new byte[size]);
        cache.commit(key, version, part);
    }

    private static byte[] read(DiskSymbolCache cache, SymbolKey key, String version) throws IOException {
        Optional<DiskSymbolCache.Cached> c = cache.open(key, version);
        if (c.isEmpty()) {
            return null;
        }
        try (InputStream in = c.get().stream()) {
            return in.readAllBytes();
        }
    }

    private long filesOnDisk() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void evictsLeastRecentlyUsedToStayWithinTheBound() throws IOException {
        DiskSymbolCache cache = new DiskSymbolCache(root, 1000);
        put(cache, key(1), "v", 300);
        put(cache, key(2), "v", 300);
        put(cache, key(3), "v", 300);
        assertEquals(900, cache.stats().bytes());
        // Using 1 makes 2 the least recently used.
        assertEquals(300, read(cache, key(1), "v").length);
        put(cache, key(4), "v", 300);
        assertEquals(List.of(key(3), key(1), key(4)), cache.keysInLruOrder());
        assertTrue(cache.stats().bytes() <= 1000);
        assertEquals(3, filesOnDisk(), "the evicted file is deleted");
        assertEquals(null, read(cache, key(2), "v"));
        assertEquals(1, cache.stats().evictions());
        // A file as large as the whole cache pushes everything else out.
        put(cache, key(5), "v", 1000);
        assertEquals(List.of(key(5)), cache.keysInLruOrder());
        assertEquals(1000, cache.stats().bytes());
        assertEquals(1, filesOnDisk());
    }

    @Test
    void aFileLargerThanTheCacheIsNotKept() throws IOException {
        DiskSymbolCache cache = new DiskSymbolCache(root, 100);
        put(cache, key(1), "v", 50);
        Path part = cache.newPartFile();
        Files.write(part, new byte[101]);
        assertFalse(cache.commit(key(2), "v", part));
        assertFalse(Files.exists(part));
        assertEquals(List.of(key(1)), cache.keysInLruOrder());
    }

    @Test
    void anotherVersionIsAMissAndReplacesTheCopy() throws IOException {
        DiskSymbolCache cache = new DiskSymbolCache(root, 1000);
        put(cache, key(1), "etag1", 10);
        assertEquals(10, read(cache, key(1), null).length, "no version asked: any copy");
        assertEquals(null, read(cache, key(1), "etag2"));
        assertEquals(0, cache.stats().entries(), "the stale copy is dropped");
        put(cache, key(1), "etag2", 20);
        assertEquals(20, read(cache, key(1), "etag2").length);
        assertEquals(1, filesOnDisk());
    }

    @Test
    void invalidateDeletesTheFile() throws IOException {
        DiskSymbolCache cache = new DiskSymbolCache(root, 1000);
        put(cache, key(1), "v", 10);
        cache.invalidate(key(1));
        assertEquals(0, filesOnDisk());
        assertEquals(0, cache.stats().bytes());
        assertEquals(Optional.empty(), cache.cachedVersion(key(1)));
    }

    @Test
    void aRestartAdoptsFilesInTheirLastUseOrderAndDropsLeftovers() throws IOException {
        DiskSymbolCache first = new DiskSymbolCache(root, 10_000);
        put(first, key(1), "v", 100);
        put(first, key(2), "v", 100);
        put(first, key(3), "v", 100);
        // Modification times record use; make the order unambiguous: 2 oldest, then 3, then 1.
        Files.setLastModifiedTime(root.resolve(key(2).debugFile()).resolve(key(2).debugId()).resolve("v.sym"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(root.resolve(key(3).debugFile()).resolve(key(3).debugId()).resolve("v.sym"), FileTime.fromMillis(2_000_000));
        Files.setLastModifiedTime(root.resolve(key(1).debugFile()).resolve(key(1).debugId()).resolve("v.sym"), FileTime.fromMillis(3_000_000));
        Path interrupted = first.newPartFile();
        Path stray = Files.createDirectories(root.resolve("junk").resolve("notanid!")).resolve("x.sym");
        Files.write(stray, new byte[5]);

        DiskSymbolCache second = new DiskSymbolCache(root, 10_000);
        assertEquals(List.of(key(2), key(3), key(1)), second.keysInLruOrder());
        assertEquals(300, second.stats().bytes());
        assertFalse(Files.exists(interrupted));
        assertFalse(Files.exists(stray));
        assertArrayEquals(new byte[100], read(second, key(3), "v"));

        // Restarting with a smaller bound evicts the least recently used first.
        DiskSymbolCache third = new DiskSymbolCache(root, 250);
        assertEquals(List.of(key(1), key(3)), third.keysInLruOrder());
        assertEquals(200, third.stats().bytes());
    }

    @Test
    void versionsAreMadeFileNameSafe() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", DiskSymbolCache.versionOf("\"d41d8cd98f00b204e9800998ecf8427e\""));
        assertEquals("abc-2", DiskSymbolCache.versionOf("\"abc-2\""));
        assertEquals("unversioned", DiskSymbolCache.versionOf(null));
        assertEquals("unversioned", DiskSymbolCache.versionOf("/../"));
    }
}
