package io.breakwater.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.search.CrashIndexer;
import io.breakwater.search.IndexBatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Hands processed crashes to search in bulk; when search is down the indexer's backlog catches up later. */
@ApplicationScoped
public class SearchIndexing implements ProcessedCrashIndexer {

    private static final Logger LOG = Logger.getLogger(SearchIndexing.class);

    private final IndexBatcher batcher;

    @Inject
    public SearchIndexing(IndexBatcher batcher) {
        this.batcher = batcher;
    }

    @Override
    public CompletionStage<?> index(String crashId, ObjectNode processedCrash, Map<String, Object> rawCrash) {
        return batcher.submit(processedCrash, rawCrash == null ? null : PlainJson.tree(rawCrash))
                .thenApply(outcome -> {
                    if (outcome != CrashIndexer.Outcome.INDEXED) LOG.debugf("crash %s: search %s", crashId, outcome);
                    return outcome;
                });
    }
}
