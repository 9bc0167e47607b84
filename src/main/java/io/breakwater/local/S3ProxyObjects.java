package io.breakwater.local;

import io.breakwater.storage.InProcessObjects;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Writes and reads the store behind an s3proxy of this JVM: the objects its S3 API serves. */
final class S3ProxyObjects implements InProcessObjects {

    private final String endpoint;
    private final BlobStore store;

    S3ProxyObjects(String endpoint, BlobStore store) {
        this.endpoint = endpoint;
        this.store = store;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void put(String bucket, String key, InputStream data, long size, String contentType) throws IOException {
        try (InputStream in = data) {
            store.putBlob(PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(key)
                    .contentType(contentType)
                    .contentLength(size)
                    .build(), in);
        }
    }

    @Override
    public Optional<InputStream> open(String bucket, String key) {
        try {
            return Optional.of(store.getBlob(bucket, key));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "the store behind s3proxy at " + endpoint;
    }
}
