package io.breakwater.search;

import java.util.Optional;

/**
 * Where the search catch-up reads crashes back from (object storage). Implemented by the storage module;
 * the processed crash is the truth, the search index is derived from it.
 */
public interface ProcessedCrashSource {

    /** The processed crash JSON, or empty when the crash has not been processed (or does not exist). */
    Optional<byte[]> processedCrash(String crashId);

    /**
     * The raw crash (annotations) JSON, when the processed crash does not embed it as {@code raw_crash}.
     * Empty means: read annotations from the processed crash.
     */
    default Optional<byte[]> rawCrash(String crashId) {
        return Optional.empty();
    }
}
