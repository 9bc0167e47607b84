package io.breakwater.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where a processed crash goes after storage: the search index. Indexing must not make processing fail
 * when search is down (the implementation keeps a backlog). The stage completes once the crash is indexed
 * or kept for later; the queue item is completed only then. A failed stage is logged, not retried.
 */
public interface ProcessedCrashIndexer {

    CompletionStage<?> index(String crashId, ObjectNode processedCrash, Map<String, Object> rawCrash);
}
