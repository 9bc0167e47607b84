package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CDI event fired after a processed crash was stored (also for failure records). Observers run on the
 * worker thread: they must be quick, must not modify the crash, and cannot fail processing (exceptions
 * are logged and dropped).
 */
public record ProcessedCrashStored(String crashId, JsonNode processedCrash) {
}
