package io.breakwater.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Where a processed crash goes after storage: the search index. Indexing must not make processing fail
 * when search is down (the implementation keeps a backlog); an exception here is logged, not retried.
 */
public interface ProcessedCrashIndexer {

    void index(String crashId, ObjectNode processedCrash, Map<String, Object> rawCrash);
}
