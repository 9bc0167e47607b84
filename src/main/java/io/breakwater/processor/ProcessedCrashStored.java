package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CDI event fired after a processed crash was stored (also for failure records). Observers run on the
 * worker thread: they must be quick, must not modify the crash, and cannot fail processing (exceptions
 * are logged and dropped). {@code replacesEarlier} is false only when no earlier processed crash of this id
 * was stored, so observers have nothing of an earlier processing to undo.
 */
public record ProcessedCrashStored(String crashId, JsonNode processedCrash, boolean replacesEarlier) {

    /** Not knowing whether an earlier processed crash was stored: assume one was. */
    public ProcessedCrashStored(String crashId, JsonNode processedCrash) {
        this(crashId, processedCrash, true);
    }
}
