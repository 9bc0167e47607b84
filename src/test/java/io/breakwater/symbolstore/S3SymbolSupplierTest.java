package io.breakwater.symbolstore;

import io.breakwater.storage.StorageException;
import io.breakwater.symbols.SymbolSupplier.Status;
import io.breakwater.symbols.SymbolSupplier.SymbolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.breakwater.symbolstore.SymbolTestFiles.freshDebugId;
import static io.breakwater.symbolstore.SymbolTestFiles.tinySymbols;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supplier's use of the disk cache, against an in-memory bucket. */
class S3SymbolSupplierTest {

    /** A bucket in a map; can be switched off, and can cut downloads short. */
    static final class MapObjects implements SymbolObjects {
        final Map<SymbolKey, byte[]> objects = new HashMap<>();
        final Map<SymbolKey, Integer> versions = new HashMap<>();
        boolean down;
        int truncateTo = -1;
        int gets;

        void store(SymbolKey key, byte[] bytes) {
            objects.put(key, bytes);
            versions.merge(key, 1, Integer::sum);
        }

        private void check() {
            if (down) {
                throw new StorageException("connection refused");
            }
        }

        @Override
        public Optional<ObjectInfo> stat(SymbolKey key) {
            check();
            byte[] b = objects.get(key);
            return b == null ? Optional.empty()
                    : Optional.of(new ObjectInfo(b.length, "\"etag" + versions.get(key) + "\"", Instant.EPOCH));
        }

        @Override
        public Optional<OpenObject> open(SymbolKey key) {
            check();
            gets++;
            Optional<ObjectInfo> info = stat(key);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            byte[] b = objects.get(key);
            InputStream in = new ByteArrayInputStream(b, 0, truncateTo >= 0 ? Math.min(truncateTo, b.length) : b.length);
            return Optional.of(new OpenObject(info.get(), in));
        }

        @Override
        public void put(SymbolKey key, Path file) {
            try {
                store(key, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new StorageException("read", e);
            }
        }

        @Override
        public void delete(SymbolKey key) {
            objects.remove(key);
        }
    }

    @TempDir
    Path cacheDir;

    @Test
    void downloadsOnceThenParsesTheDiskCopy() {
        MapObjects bucket = new MapObjects();
        String id = freshDebugId();
        SymbolKey key = new SymbolKey("libx.so", id);
        bucket.store(key, tinySymbols("libx.so", id, "alpha"));
        DiskSymbolCache disk = new DiskSymbolCache(cacheDir, 1 << 20);
        S3SymbolSupplier supplier = new S3SymbolSupplier(bucket, disk);

        SymbolResult first = supplier.locate("/usr/lib/libx.so", id.toLowerCase());
        assertEquals(Status.LOADED, first.status());
        assertEquals("alpha", first.symbols().function(0x1010).name());
        assertEquals(1, bucket.gets);
        assertEquals(1, disk.stats().entries());

        SymbolResult second = supplier.locate("libx.so", id);
        assertEquals(Status.LOADED, second.status());
        assertEquals("alpha", second.symbols().function(0x1010).name());
        assertEquals(1, bucket.gets, "the second load reads the disk copy");
        assertEquals(1, supplier.counters().diskHits());
    }

    @Test
    void aReplacedObjectIsDownloadedAgain() {
        MapObjects bucket = new MapObjects();
        String id = freshDebugId();
        SymbolKey key = new SymbolKey("libx.so", id);
        bucket.store(key, tinySymbols("libx.so", id, "alpha"));
        S3SymbolSupplier supplier = new S3SymbolSupplier(bucket, new DiskSymbolCache(cacheDir, 1 << 20));
        assertEquals("alpha", supplier.locate("libx.so", id).symbols().function(0x1000).name());
        bucket.store(key, tinySymbols("libx.so", id, "beta"));
        assertEquals("beta", supplier.locate("libx.so", id).symbols().function(0x1000).name());
        assertEquals(2, bucket.gets);
    }

    @Test
    void aDeletedObjectIsMissingAndLeavesTheDiskCache() {
        MapObjects bucket = new MapObjects();
        String id = freshDebugId();
        SymbolKey key = new SymbolKey("libx.so", id);
        bucket.store(key, tinySymbols("libx.so", id, "alpha"));
        DiskSymbolCache disk = new DiskSymbolCache(cacheDir, 1 << 20);
        S3SymbolSupplier supplier = new S3SymbolSupplier(bucket, disk);
        assertEquals(Status.LOADED, supplier.locate("libx.so", id).status());
        bucket.delete(key);
        SymbolResult gone = supplier.locate("libx.so", id);
        assertEquals(Status.MISSING, gone.status());
        assertFalse(S3SymbolSupplier.isUnavailable(gone));
        assertEquals(0, disk.stats().entries());
    }

    @Test
    void storageDownUsesTheDiskCopyOrSaysUnavailable() {
        MapObjects bucket = new MapObjects();
        String cachedId = freshDebugId();
        String otherId = freshDebugId();
        bucket.store(new SymbolKey("libx.so", cachedId), tinySymbols("libx.so", cachedId, "alpha"));
        S3SymbolSupplier supplier = new S3SymbolSupplier(bucket, new DiskSymbolCache(cacheDir, 1 << 20));
        assertEquals(Status.LOADED, supplier.locate("libx.so", cachedId).status());
        bucket.down = true;
        assertEquals("alpha", supplier.locate("libx.so", cachedId).symbols().function(0x1000).name());
        SymbolResult down = supplier.locate("libx.so", otherId);
        assertEquals(Status.MISSING, down.status());
        assertTrue(S3SymbolSupplier.isUnavailable(down), down.detail());
    }

    @Test
    void aTruncatedDownloadIsNeitherUsedNorCached() {
        MapObjects bucket = new MapObjects();
        String id = freshDebugId();
        bucket.store(new SymbolKey("libx.so", id), tinySymbols("libx.so", id, "alpha"));
        bucket.truncateTo = 40;
        DiskSymbolCache disk = new DiskSymbolCache(cacheDir, 1 << 20);
        S3SymbolSupplier supplier = new S3SymbolSupplier(bucket, disk);
        SymbolResult cut = supplier.locate("libx.so", id);
        assertTrue(S3SymbolSupplier.isUnavailable(cut), String.valueOf(cut.detail()));
        assertEquals(0, disk.stats().entries());
        try (var files = Files.list(cacheDir)) {
            assertEquals(0, files.count(), "no part file is left behind");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void worksWithoutADiskCacheAndForFilesLargerThanIt() {
        MapObjects bucket = new MapObjects();
        String id = freshDebugId();
        bucket.store(new SymbolKey("libx.so", id), tinySymbols("libx.so", id, "alpha"));
        assertEquals(Status.LOADED, new S3SymbolSupplier(bucket, null).locate("libx.so", id).status());
        DiskSymbolCache tiny = new DiskSymbolCache(cacheDir, 10);
        SymbolResult r = new S3SymbolSupplier(bucket, tiny).locate("libx.so", id);
        assertNotNull(r.symbols());
        assertEquals(0, tiny.stats().entries());
    }

    @Test
    void unusableModuleNamesAreMissing() {
        S3SymbolSupplier supplier = new S3SymbolSupplier(new MapObjects(), null);
        assertEquals(Status.MISSING, supplier.locate("../..", "ABC").status());
        assertEquals(Status.MISSING, supplier.locate("libx.so", "not/an/id").status());
    }
}
