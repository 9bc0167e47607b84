package io.breakwater.symbolstore;

import io.breakwater.storage.StorageException;
import io.breakwater.symbols.BreakpadSymbolParser;
import io.breakwater.symbols.SymbolSupplier;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Symbols from the symbols bucket, through a {@link DiskSymbolCache} of the raw files. Each call parses;
 * put a {@link io.breakwater.symbols.CachingSymbolSupplier} in front to keep parsed indices in memory.
 * <p>
 * A cold load reads the object once: the bytes go to the parser and to the disk cache at the same time.
 * A cached copy is used after checking (one metadata request) that the stored object still has the
 * same ETag; when storage cannot be reached the cached copy is used as it is.
 */
public final class S3SymbolSupplier implements SymbolSupplier {

    /** Prefix of the detail of results caused by storage being unreachable: worth retrying soon. */
    public static final String UNAVAILABLE = "symbol store unavailable: ";

    /** Where the last results came from, for tests and logs. */
    public record Counters(long diskHits, long downloads, long missing, long unavailable) {}

    private final SymbolObjects objects;
    private final DiskSymbolCache disk;
    private final AtomicLong diskHits = new AtomicLong();
    private final AtomicLong downloads = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();

    /** {@code disk} may be null: every load then downloads. */
    public S3SymbolSupplier(SymbolObjects objects, DiskSymbolCache disk) {
        this.objects = objects;
        this.disk = disk;
    }

    public static boolean isUnavailable(SymbolResult result) {
        return result != null && result.symbols() == null && result.detail() != null
                && result.detail().startsWith(UNAVAILABLE);
    }

    @Override
    public SymbolResult locate(String debugFile, String debugId) {
        Optional<SymbolKey> key = SymbolKey.forModule(debugFile, debugId);
        if (key.isEmpty()) {
            missing.incrementAndGet();
            return new SymbolResult(Status.MISSING, null, "not a valid module name: " + debugFile + " " + debugId);
        }
        return locate(key.get());
    }

    public SymbolResult locate(SymbolKey key) {
        Optional<SymbolObjects.ObjectInfo> info;
        try {
            info = objects.stat(key);
        } catch (StorageException e) {
            // Storage is down: a cached copy, even if possibly stale, beats no symbols.
            SymbolResult cached = fromDisk(key, null);
            if (cached != null) {
                return cached;
            }
            unavailable.incrementAndGet();
            return new SymbolResult(Status.MISSING, null, UNAVAILABLE + e.getMessage());
        }
        if (info.isEmpty()) {
            if (disk != null) {
                disk.invalidate(key);
            }
            missing.incrementAndGet();
            return new SymbolResult(Status.MISSING, null, "no symbols stored at " + key.objectKey());
        }
        SymbolResult cached = fromDisk(key, DiskSymbolCache.versionOf(info.get().etag()));
        return cached != null ? cached : download(key);
    }

    private SymbolResult fromDisk(SymbolKey key, String version) {
        if (disk == null) {
            return null;
        }
        Optional<DiskSymbolCache.Cached> cached = disk.open(key, version);
        if (cached.isEmpty()) {
            return null;
        }
        try (InputStream in = cached.get().stream()) {
            SymbolResult result = BreakpadSymbolParser.parse(in).toSymbolResult();
            diskHits.incrementAndGet();
            return result;
        } catch (IOException e) {
            disk.invalidate(key);
            return null;
        }
    }

    private SymbolResult download(SymbolKey key) {
        Optional<SymbolObjects.OpenObject> object;
        try {
            object = objects.open(key);
        } catch (StorageException e) {
            unavailable.incrementAndGet();
            return new SymbolResult(Status.MISSING, null, UNAVAILABLE + e.getMessage());
        }
        if (object.isEmpty()) {
            missing.incrementAndGet();
            return new SymbolResult(Status.MISSING, null, "no symbols stored at " + key.objectKey());
        }
        downloads.incrementAndGet();
        SymbolObjects.ObjectInfo info = object.get().info();
        boolean keep = disk != null && info.size() <= disk.maxBytes();
        Path part = null;
        try (InputStream body = object.get().stream()) {
            if (!keep) {
                return BreakpadSymbolParser.parse(body).toSymbolResult();
            }
            part = disk.newPartFile();
            SymbolResult result;
            try (OutputStream copy = Files.newOutputStream(part);
                 InputStream tee = new TeeInputStream(body, copy)) {
                result = BreakpadSymbolParser.parse(tee).toSymbolResult();
                tee.transferTo(OutputStream.nullOutputStream()); // anything the parser left unread
            }
            long got = Files.size(part);
            if (info.size() >= 0 && got != info.size()) {
                throw new IOException("object ended after " + got + " of " + info.size() + " bytes");
            }
            disk.commit(key, DiskSymbolCache.versionOf(info.etag()), part);
            part = null;
            return result;
        } catch (IOException | StorageException e) {
            unavailable.incrementAndGet();
            return new SymbolResult(Status.MISSING, null, UNAVAILABLE + "reading " + key.objectKey() + ": " + e);
        } finally {
            if (part != null) {
                disk.discard(part);
            }
        }
    }

    public Counters counters() {
        return new Counters(diskHits.get(), downloads.get(), missing.get(), unavailable.get());
    }

    /** Copies everything read through it to a second stream. */
    private static final class TeeInputStream extends FilterInputStream {
        private final OutputStream copy;

        TeeInputStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                copy.write(buf, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes must still reach the copy.
            long done = 0;
            byte[] scratch = new byte[8192];
            while (done < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
