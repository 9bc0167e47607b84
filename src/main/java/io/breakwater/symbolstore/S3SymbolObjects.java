package io.breakwater.symbolstore;

import io.breakwater.storage.ObjectStore;
import io.breakwater.storage.StorageException;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/** {@link SymbolObjects} on the configured symbols bucket ({@code breakwater.s3.symbols-bucket}). */
@ApplicationScoped
public class S3SymbolObjects implements SymbolObjects {

    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject", "NotFound", "NoSuchBucket");
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private final MinioClient client;
    private final ObjectStore store;

    @Inject
    public S3SymbolObjects(MinioClient client, ObjectStore store) {
        this.client = client;
        this.store = store;
    }

    public String bucket() {
        return store.symbolsBucket();
    }

    @Override
    public Optional<ObjectInfo> stat(SymbolKey key) {
        store.ensureBuckets();
        return call("stat", key, () -> {
            StatObjectResponse r = client.statObject(
                    StatObjectArgs.builder().bucket(bucket()).object(key.objectKey()).build());
            Instant modified = r.lastModified() == null ? null : r.lastModified().toInstant();
            return new ObjectInfo(r.size(), r.etag(), modified);
        });
    }

    @Override
    public Optional<OpenObject> open(SymbolKey key) {
        store.ensureBuckets();
        return call("get", key, () -> {
            GetObjectResponse r = client.getObject(
                    GetObjectArgs.builder().bucket(bucket()).object(key.objectKey()).build());
            try {
                return new OpenObject(infoFrom(r), r);
            } catch (RuntimeException e) {
                closeQuietly(r);
                throw e;
            }
        });
    }

    @Override
    public void put(SymbolKey key, Path file) {
        store.putFile(bucket(), key.objectKey(), file, CONTENT_TYPE);
    }

    @Override
    public void delete(SymbolKey key) {
        store.delete(bucket(), key.objectKey());
    }

    private static ObjectInfo infoFrom(GetObjectResponse r) {
        long size = -1;
        String length = r.headers().get("Content-Length");
        if (length != null) {
            try {
                size = Long.parseLong(length.strip());
            } catch (NumberFormatException ignored) {
                // Size unknown: the download is then not checked for truncation.
            }
        }
        Instant modified = null;
        String lastModified = r.headers().get("Last-Modified");
        if (lastModified != null) {
            try {
                modified = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException ignored) {
                // Informational only.
            }
        }
        return new ObjectInfo(size, r.headers().get("ETag"), modified);
    }

    private interface S3Call<T> {
        T run() throws MinioException;
    }

    private static <T> Optional<T> call(String what, SymbolKey key, S3Call<T> call) {
        try {
            return Optional.of(call.run());
        } catch (ErrorResponseException e) {
            if (NOT_FOUND.contains(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new StorageException(what + " " + key + " failed: " + e.errorResponse().code() + ": "
                    + e.errorResponse().message(), e);
        } catch (MinioException e) {
            throw new StorageException(what + " " + key + " failed: " + e.getMessage(), e);
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            // The SDK reports transport failures (refused, reset, timeouts) unchecked.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StorageException(what + " " + key + " failed: " + cause, e);
        }
    }

    private static void closeQuietly(GetObjectResponse r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // Nothing to do.
        }
    }
}
