package io.breakwater.symbolstore;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The symbols bucket as the store uses it. Failures of the storage service are thrown as
 * {@link io.breakwater.storage.StorageException}; a missing object is an empty result.
 */
public interface SymbolObjects {

    /** Size, ETag and modification time of one object. */
    record ObjectInfo(long size, String etag, Instant lastModified) {}

    /** An object being read: its facts and its bytes (the caller closes the stream). */
    record OpenObject(ObjectInfo info, InputStream stream) {}

    Optional<ObjectInfo> stat(SymbolKey key);

    Optional<OpenObject> open(SymbolKey key);

    void put(SymbolKey key, Path file);

    void delete(SymbolKey key);
}
