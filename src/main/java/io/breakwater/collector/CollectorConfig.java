package io.breakwater.collector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Limits and behaviour of {@code POST /submit}. Sizes are bytes. */
@ConfigMapping(prefix = "breakwater.collector")
public interface CollectorConfig {

    /** Body as received (after HTTP chunking, before gzip decoding). Over it: 413 {@code body_too_large}. */
    @WithDefault("26214400")
    long maxBodySize();

    /** Body after gzip decoding. Over it: 413 {@code decompressed_too_large} (stops gzip bombs). */
    @WithDefault("104857600")
    long maxDecompressedSize();

    /** One annotation value (text part). Over it: 413 {@code annotations_too_large}. */
    @WithDefault("1048576")
    int maxAnnotationSize();

    /** All annotations together, including a JSON {@code extra} part. Over it: 413 {@code annotations_too_large}. */
    @WithDefault("4194304")
    int maxAnnotationsSize();

    /** Parts of any kind. Over it: 413 {@code too_many_parts}. */
    @WithDefault("1000")
    int maxParts();

    /** Throttle rules file (JSON, see {@code Throttler}); absent: accept everything. */
    Optional<Path> throttleRules();

    /**
     * Products accepted ({@code ProductName}, exact); absent: every product. Others are answered
     * {@code Discarded=rule_unsupported_product} before any throttle rule runs, as Antenna does.
     */
    Optional<java.util.Set<String>> products();

    /**
     * Where dumps wait while a request is read, in a directory of each process's own that the next start removes
     * if the process was killed; default: the JVM's temp directory.
     */
    Optional<Path> tempDir();

    /** {@code Retry-After} seconds sent with 503 when storage or the database is down. */
    @WithDefault("60")
    int retryAfterSeconds();

    /** Small bodies read whole on the event loop before a worker thread takes the request. */
    Prefetch prefetch();

    interface Prefetch {
        /**
         * Largest {@code Content-Length} read whole first; 0 turns prefetching off. Larger and chunked bodies
         * are streamed to the worker as they arrive.
         */
        @WithDefault("1048576")
        long maxBodySize();

        /** Bytes of prefetched bodies held at once; a body that would pass it is streamed instead. */
        @WithDefault("67108864")
        long maxTotal();
    }

    /** Retries of a stored crash: same content within the window gets the same crash id, nothing stored again. */
    Duplicates duplicates();

    interface Duplicates {
        /** How long a stored crash is remembered; 0 turns de-duplication off. */
        @WithDefault("10m")
        Duration window();

        /** Crashes remembered at most (oldest forgotten first). */
        @WithDefault("10000")
        int maxEntries();
    }
}
