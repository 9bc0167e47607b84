package io.breakwater.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An S3-compatible store running inside this JVM (the one-box default's s3proxy), written and read directly.
 * It makes and serves the same objects as a PUT or GET over HTTP, without the request signing, the HTTP
 * exchange with ourselves and the server's second look at every byte: about a sixth of the CPU per object.
 * Lists, deletes and checks still go over S3, and other processes see the objects there.
 */
public interface InProcessObjects {

    /** The S3 endpoint that serves these objects: only a client configured for it may use this instead. */
    String endpoint();

    /** Stores {@code size} bytes, all of {@code data}, under the key, replacing any object there. */
    void put(String bucket, String key, InputStream data, long size, String contentType) throws IOException;

    /** A stream over the object (the caller closes it), or empty when it or its bucket does not exist. */
    Optional<InputStream> open(String bucket, String key) throws IOException;

    /** Made known by the process that started the embedded store (the server's entry point), nowhere else. */
    static void register(InProcessObjects objects) {
        Registry.current = objects;
    }

    static Optional<InProcessObjects> registered() {
        return Optional.ofNullable(Registry.current);
    }

    /** The in-process store an {@link ObjectStore} for this configuration should use: empty means all goes over S3. */
    static Optional<InProcessObjects> forConfig(S3Config config, Optional<InProcessObjects> candidate) {
        if (!config.inProcess()) {
            return Optional.empty();
        }
        return candidate.filter(objects -> config.endpoint().map(objects.endpoint()::equals).orElse(false));
    }

    /** Holder of the registered store; an interface cannot have a mutable field of its own. */
    final class Registry {
        private static volatile InProcessObjects current;

        private Registry() {
        }
    }
}
