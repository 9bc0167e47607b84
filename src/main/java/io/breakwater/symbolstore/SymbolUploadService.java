package io.breakwater.symbolstore;

import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.Lane;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.LocalFiles;
import io.breakwater.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Accepts a zip of symbol files (or one .sym / .sym.gz file): stages it on disk (bounded memory), checks every entry
 * ({@link SymbolZip}), then publishes all files to the symbols bucket, forgets what the caches knew
 * about those modules, records the upload and queues the crashes that were waiting for them.
 * All-or-nothing: a bad entry rejects the zip before anything is published.
 */
@ApplicationScoped
public class SymbolUploadService {

    private static final Logger LOG = Logger.getLogger(SymbolUploadService.class);

    /** What one accepted upload did. {@code uploadId} and {@code uploadedAt} are null when recording failed. */
    public record Result(Long uploadId, Instant uploadedAt, long zipBytes, List<SymbolZip.ExtractedFile> files,
                         int reprocessQueued, List<String> warnings) {}

    /** Storage failed while publishing; the files published so far by this upload were removed again. */
    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Inject
    SymbolStoreConfig config;

    @Inject
    SymbolObjects objects;

    @Inject
    SymbolStore store;

    @Inject
    SymbolUploadLog log;

    @Inject
    MissingSymbols missingSymbols;

    @Inject
    CrashQueue queue;

    public long maxZipBytes() {
        return config.upload().maxSize().asLongValue();
    }

    /** Uploads a zip arriving as a request body, reading at most the configured size. */
    public Result upload(InputStream body, OptionalLong contentLength, String uploadedBy, String userAgent)
            throws UploadRejectedException {
        long max = maxZipBytes();
        if (contentLength.isPresent() && contentLength.getAsLong() > max) {
            throw zipTooLarge(max);
        }
        Path staging = newStagingDir();
        try {
            Path zip = staging.resolve("upload.zip");
            long size = spool(body, zip, max);
            return process(zip, size, staging, uploadedBy, userAgent);
        } finally {
            LocalFiles.deleteTreeQuietly(staging);
        }
    }

    @Inject
    io.breakwater.storage.ObjectStore objectStore;

    /** Where sym-upload-v2 uploads wait between their PUT and their "complete" call. */
    static final String PENDING_PREFIX = "_uploads/";
    private static final java.util.regex.Pattern PENDING_KEY = java.util.regex.Pattern.compile("[0-9]{13}-[A-Za-z0-9_-]{43}");

    /** A new key for a two-step upload (sym-upload-v2): its creation time, then a random part. */
    public String newPendingUploadKey() {
        return System.currentTimeMillis() + "-" + io.breakwater.auth.Secrets.newOpaque();
    }

    public static boolean isPendingUploadKey(String key) {
        return key != null && PENDING_KEY.matcher(key).matches();
    }

    /** Stores the body of a two-step upload until it is completed (in the bucket, so any instance can finish it). */
    public long stagePending(String key, InputStream body, OptionalLong contentLength) throws UploadRejectedException {
        if (!isPendingUploadKey(key)) {
            throw new UploadRejectedException(404, "no such upload", null);
        }
        long max = maxZipBytes();
        if (contentLength.isPresent() && contentLength.getAsLong() > max) {
            throw zipTooLarge(max);
        }
        Path staging = newStagingDir();
        try {
            Path file = staging.resolve("pending.bin");
            long size = spool(body, file, max);
            objectStore.putFile(objectStore.symbolsBucket(), PENDING_PREFIX + key, file, "application/octet-stream");
            return size;
        } finally {
            LocalFiles.deleteTreeQuietly(staging);
        }
    }

    /** Publishes a staged two-step upload and forgets the staging copy. */
    public Result completePending(String key, String uploadedBy, String userAgent) throws UploadRejectedException {
        if (!isPendingUploadKey(key)) {
            throw new UploadRejectedException(404, "no such upload", null);
        }
        Path staging = newStagingDir();
        try {
            Path file = staging.resolve("pending.bin");
            try (InputStream in = objectStore.open(objectStore.symbolsBucket(), PENDING_PREFIX + key)
                    .orElseThrow(() -> new UploadRejectedException(404, "no file was uploaded for this upload key", null))) {
                Files.copy(in, file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a staged upload", e);
            }
            Result result = process(file, Files.size(file), staging, uploadedBy, userAgent);
            objectStore.delete(objectStore.symbolsBucket(), PENDING_PREFIX + key);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a staged upload", e);
        } finally {
            LocalFiles.deleteTreeQuietly(staging);
        }
    }

    /** Removes staged two-step uploads never completed, older than {@code cutoff}; returns how many. */
    public int forgetPendingOlderThan(Instant cutoff) {
        int removed = 0;
        for (String object : objectStore.list(objectStore.symbolsBucket(), PENDING_PREFIX, 10_000)) {
            String key = object.substring(PENDING_PREFIX.length());
            if (isPendingUploadKey(key) && Long.parseLong(key.substring(0, 13)) < cutoff.toEpochMilli()) {
                objectStore.delete(objectStore.symbolsBucket(), object);
                removed++;
            }
        }
        return removed;
    }

    /** Whether the bucket holds symbols for a module (sym-upload-v2's checkStatus). */
    public boolean has(SymbolKey key) {
        return objects.stat(key).isPresent();
    }

    /** Tecken's upload by download URL: the server fetches the zip (or .sym) from an allowed host. */
    public Result uploadFromUrl(String url, String uploadedBy, String userAgent) throws UploadRejectedException {
        SymbolDownloads downloads = new SymbolDownloads(config.upload().downloadHosts().orElse(List.of()));
        Path staging = newStagingDir();
        try {
            Path file = staging.resolve("download.bin");
            long size = downloads.fetch(url, file, maxZipBytes());
            return process(file, size, staging, uploadedBy, userAgent);
        } finally {
            LocalFiles.deleteTreeQuietly(staging);
        }
    }

    /** Uploads a zip already on disk (e.g. a multipart file part); the file is left in place. */
    public Result upload(Path zip, String uploadedBy, String userAgent) throws UploadRejectedException {
        long size;
        try {
            size = Files.size(zip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read uploaded file " + zip, e);
        }
        if (size > maxZipBytes()) {
            throw zipTooLarge(maxZipBytes());
        }
        Path staging = newStagingDir();
        try {
            return process(zip, size, staging, uploadedBy, userAgent);
        } finally {
            LocalFiles.deleteTreeQuietly(staging);
        }
    }

    /** What an upload is, from its first bytes (the name a client gives is not trusted). */
    enum Format {
        ZIP, GZIP, SYM
    }

    static Format sniff(Path upload) throws UploadRejectedException {
        byte[] head = new byte[7];
        int n;
        try (InputStream in = Files.newInputStream(upload)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a staged upload", e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            return Format.ZIP;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Format.GZIP;
        }
        if (n == 7 && new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("MODULE ")) {
            return Format.SYM;
        }
        throw new UploadRejectedException(400, "the upload is not a zip of symbol files, a .sym file or a .sym.gz file",
                null);
    }

    private Result process(Path zip, long zipBytes, Path staging, String uploadedBy, String userAgent)
            throws UploadRejectedException {
        List<SymbolZip.ExtractedFile> files;
        SymbolZip.Limits limits = new SymbolZip.Limits(config.upload().maxUncompressedSize().asLongValue(),
                config.upload().maxEntries());
        try {
            files = switch (sniff(zip)) {
                case ZIP -> SymbolZip.extract(zip, staging, limits);
                case GZIP -> List.of(SymbolZip.extractSingle(zip, "upload (.sym.gz)", true, staging, limits));
                case SYM -> List.of(SymbolZip.extractSingle(zip, "upload (.sym)", false, staging, limits));
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage symbol upload: " + e.getMessage(), e);
        }
        publish(files);
        List<SymbolKey> keys = files.stream().map(SymbolZip.ExtractedFile::key).toList();
        keys.forEach(store::invalidate);

        List<String> warnings = new ArrayList<>();
        Long uploadId = null;
        Instant uploadedAt = null;
        try {
            SymbolUploadLog.Recorded recorded = log.record(uploadedBy, userAgent, zipBytes, files);
            uploadId = recorded.id();
            uploadedAt = recorded.uploadedAt();
        } catch (RuntimeException e) {
            LOG.warnf("Symbol upload of %d files by %s published but not recorded: %s", files.size(), uploadedBy, e.getMessage());
            warnings.add("upload published but not recorded: " + e.getMessage());
        }
        int queued = 0;
        if (config.reprocess().onUpload()) {
            try {
                queued = queueWaitingCrashes(keys);
            } catch (RuntimeException e) {
                LOG.warnf("Could not queue crashes waiting for uploaded symbols: %s", e.getMessage());
                warnings.add("crashes waiting for these symbols were not queued: " + e.getMessage());
            }
        }
        LOG.infof("Symbol upload %s by %s: %d files, %d bytes, %d crashes queued for reprocessing",
                uploadId, uploadedBy, files.size(), files.stream().mapToLong(SymbolZip.ExtractedFile::size).sum(), queued);
        return new Result(uploadId, uploadedAt, zipBytes, files, queued, warnings);
    }

    /** Puts every file; on failure removes the ones this upload created (replaced ones cannot be restored). */
    private void publish(List<SymbolZip.ExtractedFile> files) {
        List<SymbolKey> created = new ArrayList<>();
        SymbolZip.ExtractedFile current = null;
        try {
            for (SymbolZip.ExtractedFile f : files) {
                current = f;
                boolean existed = objects.stat(f.key()).isPresent();
                objects.put(f.key(), f.file());
                if (!existed) {
                    created.add(f.key());
                }
            }
        } catch (StorageException e) {
            for (SymbolKey key : created) {
                try {
                    objects.delete(key);
                } catch (StorageException again) {
                    LOG.warnf("Could not remove %s after a failed upload: %s", key, again.getMessage());
                }
                store.invalidate(key);
            }
            throw new PublishFailedException("storing " + current.key() + " failed: " + e.getMessage(), e);
        }
    }

    /** Queues crashes recorded as missing these modules on the reprocessing lane. */
    int queueWaitingCrashes(List<SymbolKey> keys) {
        List<String> crashes = missingSymbols.crashesMissing(keys, config.reprocess().window(),
                config.reprocess().maxCrashes()).stream().filter(CrashIds::isValid).toList();
        if (crashes.isEmpty()) {
            return 0;
        }
        int queued = queue.enqueueAll(crashes, Lane.REPROCESSING, null);
        missingSymbols.forget(crashes, keys);
        return queued;
    }

    private static long spool(InputStream body, Path target, long max) throws UploadRejectedException {
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = body.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw zipTooLarge(max);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UploadRejectedException(400, "upload could not be read completely: " + e.getMessage(), null);
        }
        return total;
    }

    private static UploadRejectedException zipTooLarge(long max) {
        return new UploadRejectedException(413, "zip is larger than the limit of " + max + " bytes", null);
    }

    private Path newStagingDir() {
        try {
            Path root = Path.of(config.upload().tempDir().filter(s -> !s.isBlank())
                    .orElse(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "symbol-upload-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging directory for symbol uploads", e);
        }
    }
}
