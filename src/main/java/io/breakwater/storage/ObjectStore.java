package io.breakwater.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Thin layer over the S3 client: uniform errors ({@link StorageException}), "not found" as an empty
 * result, and buckets created on first use. Startup never fails when S3 is down: bucket creation is
 * tried at start and retried lazily before the next operation until it succeeds.
 */
@ApplicationScoped
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchObject", "NotFound", "NoSuchBucket");

    private final MinioClient client;
    private final S3Config config;
    /** Null: every call goes over S3. */
    private final InProcessObjects inProcess;
    private volatile boolean bucketsReady;

    /** Writes and reads go to the embedded store directly when this process registered it for the configured endpoint. */
    @Inject
    public ObjectStore(MinioClient client, S3Config config) {
        this(client, config, InProcessObjects.registered());
    }

    public ObjectStore(MinioClient client, S3Config config, Optional<InProcessObjects> inProcess) {
        this.client = client;
        this.config = config;
        this.inProcess = InProcessObjects.forConfig(config, inProcess).orElse(null);
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureBuckets();
            LOG.infof("Object storage ready at %s (buckets %s, %s)%s",
                    config.endpoint().orElse("<unset>"), config.bucket(), config.symbolsBucket(),
                    inProcess == null ? "" : "; objects are written and read in its store in this JVM");
        } catch (StorageException e) {
            LOG.warnf("Object storage not reachable at start (%s); will retry on first use", e.getMessage());
        }
    }

    /** True when objects are written and read in an embedded store of this JVM ({@link InProcessObjects}). */
    public boolean inProcess() {
        return inProcess != null;
    }

    public String crashBucket() {
        return config.bucket();
    }

    public String symbolsBucket() {
        return config.symbolsBucket();
    }

    /** Creates the crash and symbol buckets when missing. Cheap once it has succeeded. */
    public void ensureBuckets() {
        if (bucketsReady) {
            return;
        }
        synchronized (this) {
            if (bucketsReady) {
                return;
            }
            for (String bucket : List.of(config.bucket(), config.symbolsBucket())) {
                call("create bucket " + bucket, () -> {
                    if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                        try {
                            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                            LOG.infof("Created bucket %s", bucket);
                        } catch (ErrorResponseException e) {
                            // Another instance may have created it between the check and the create.
                            String code = e.errorResponse().code();
                            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                                throw e;
                            }
                        }
                    }
                    return null;
                });
            }
            bucketsReady = true;
        }
    }

    /** Round trip to the server: true when the crash bucket answers. */
    public boolean ping() {
        try {
            ensureBuckets();
            return call("check bucket", () -> client.bucketExists(
                    BucketExistsArgs.builder().bucket(config.bucket()).build()));
        } catch (StorageException e) {
            return false;
        }
    }

    /** Bodies already in memory go to the client as they are: a stream would be copied into its buffer first. */
    public void put(String bucket, String key, byte[] data, String contentType) {
        if (inProcess != null) {
            putInProcess(bucket, key, new ByteArrayInputStream(data), data.length, contentType);
            return;
        }
        put(bucket, key, PutObjectArgs.builder().data(data, data.length), contentType);
    }

    public void putFile(String bucket, String key, Path file, String contentType) {
        try (InputStream in = Files.newInputStream(file)) {
            put(bucket, key, in, Files.size(file), contentType);
        } catch (IOException e) {
            throw new StorageException("could not read " + file + " for " + key, e);
        }
    }

    private void putInProcess(String bucket, String key, InputStream data, long size, String contentType) {
        ensureBuckets();
        try {
            inProcess.put(bucket, key, data, size, contentType);
        } catch (IOException | RuntimeException e) {
            // As over S3: a store that lost its buckets (wiped) gets them back before the next call.
            bucketsReady = false;
            throw new StorageException("put " + bucket + "/" + key + " failed: " + e, e);
        }
    }

    public void put(String bucket, String key, InputStream data, long size, String contentType) {
        if (inProcess != null) {
            putInProcess(bucket, key, data, size, contentType);
            return;
        }
        put(bucket, key, PutObjectArgs.builder().stream(data, size, -1L), contentType);
    }

    private void put(String bucket, String key, PutObjectArgs.Builder body, String contentType) {
        ensureBuckets();
        call("put " + bucket + "/" + key, () -> {
            try {
                return client.putObject(body
                        .bucket(bucket)
                        .object(key)
                        .contentType(contentType)
                        // The client's default CRC32C is byte-at-a-time Java (about 360 MB/s here); CRC32 runs
                        // on the JDK's intrinsic (about 9 GB/s) and is checked by the server all the same.
                        .checksum(io.minio.Checksum.Algorithm.CRC32)
                        .build());
            } catch (ErrorResponseException e) {
                if ("NoSuchBucket".equals(e.errorResponse().code())) {
                    // The store lost its buckets (e.g. wiped); recreate them on the next call.
                    bucketsReady = false;
                }
                throw e;
            }
        });
    }

    /** The object's bytes, or empty when it does not exist. Only for objects known to be small. */
    public Optional<byte[]> get(String bucket, String key) {
        Optional<InputStream> in = open(bucket, key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        } catch (IOException e) {
            throw new StorageException("read " + bucket + "/" + key, e);
        }
    }

    /** A stream over the object (caller closes it), or empty when it does not exist. */
    public Optional<InputStream> open(String bucket, String key) {
        ensureBuckets();
        if (inProcess != null) {
            try {
                return inProcess.open(bucket, key);
            } catch (IOException | RuntimeException e) {
                throw new StorageException("get " + bucket + "/" + key + " failed: " + e, e);
            }
        }
        return callOrNotFound("get " + bucket + "/" + key,
                () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /** Size of the object, or empty when it does not exist. */
    public Optional<Long> size(String bucket, String key) {
        ensureBuckets();
        return callOrNotFound("stat " + bucket + "/" + key,
                () -> client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size());
    }

    public boolean exists(String bucket, String key) {
        return size(bucket, key).isPresent();
    }

    /** Deletes the object; deleting a missing object is not an error. */
    public void delete(String bucket, String key) {
        ensureBuckets();
        callOrNotFound("delete " + bucket + "/" + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return Boolean.TRUE;
        });
    }

    /** Keys under {@code prefix} (recursive), at most {@code max} of them, in key order. */
    public List<String> list(String bucket, String prefix, int max) {
        return list(bucket, prefix, max, null);
    }

    /** The same, starting after the key {@code startAfter} (paging; null for the start). */
    public List<String> list(String bucket, String prefix, int max, String startAfter) {
        ensureBuckets();
        return call("list " + bucket + "/" + prefix, () -> {
            List<String> keys = new ArrayList<>();
            ListObjectsArgs.Builder args = ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true);
            if (startAfter != null) {
                args.startAfter(startAfter);
            }
            for (Result<Item> result : client.listObjects(args.build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    keys.add(item.objectName());
                }
                if (keys.size() >= max) {
                    break;
                }
            }
            return keys;
        });
    }

    /** Objects and bytes under one key prefix. */
    public record Usage(long objects, long bytes) {
    }

    /**
     * Every object of {@code bucket}, counted by the first {@code segments} segments of its key
     * ({@code v1/raw_crash/...} with 2 counts under {@code v1/raw_crash}). Lists the whole bucket: slow on
     * large stores, so it is run by a job, not by pages.
     */
    public Map<String, Usage> usage(String bucket, int segments) {
        ensureBuckets();
        return call("measure " + bucket, () -> {
            Map<String, Usage> usage = new TreeMap<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    usage.merge(prefixOf(item.objectName(), segments), new Usage(1, item.size()),
                            (a, b) -> new Usage(a.objects() + b.objects(), a.bytes() + b.bytes()));
                }
            }
            return usage;
        });
    }

    static String prefixOf(String key, int segments) {
        if (segments <= 0) {
            return "";
        }
        int end = -1;
        for (int i = 0; i < segments; i++) {
            int slash = key.indexOf('/', end + 1);
            if (slash < 0) {
                return end < 0 ? "" : key.substring(0, end);
            }
            end = slash;
        }
        return key.substring(0, end);
    }

    /** The "folders" right under {@code prefix} (names ending in '/'), in key order. */
    public List<String> listFolders(String bucket, String prefix, int max) {
        ensureBuckets();
        return call("list folders " + bucket + "/" + prefix, () -> {
            List<String> folders = new ArrayList<>();
            for (Result<Item> result : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(false).build())) {
                Item item = result.get();
                if (item.isDir()) {
                    folders.add(item.objectName());
                }
                if (folders.size() >= max) {
                    break;
                }
            }
            return folders;
        });
    }

    private interface S3Call<T> {
        T run() throws MinioException;
    }

    /**
     * Runs one client call with uniform errors. The SDK reports server answers as {@link MinioException}
     * but transport failures (refused, reset, timeouts) as unchecked exceptions: both become
     * {@link StorageException}.
     */
    private <T> T call(String what, S3Call<T> call) {
        try {
            return call.run();
        } catch (MinioException e) {
            throw failure(what, e);
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StorageException(what + " failed: " + cause, e);
        }
    }

    private <T> Optional<T> callOrNotFound(String what, S3Call<T> call) {
        try {
            return Optional.of(call(what, call));
        } catch (StorageException e) {
            if (e.getCause() instanceof MinioException me && isNotFound(me)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static boolean isNotFound(MinioException e) {
        return e instanceof ErrorResponseException ere && NOT_FOUND_CODES.contains(ere.errorResponse().code());
    }

    private StorageException failure(String what, MinioException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String detail = e instanceof ErrorResponseException ere
                ? ere.errorResponse().code() + ": " + ere.errorResponse().message()
                : String.valueOf(cause.getMessage());
        return new StorageException(what + " failed: " + detail, e);
    }
}
