package io.breakwater.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.search.CrashIndexer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;

/** Hands processed crashes to search; when search is down the indexer's backlog catches up later. */
@ApplicationScoped
public class SearchIndexing implements ProcessedCrashIndexer {

    private static final Logger LOG = Logger.getLogger(SearchIndexing.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CrashIndexer indexer;

    @Inject
    public SearchIndexing(CrashIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public void index(String crashId, ObjectNode processedCrash, Map<String, Object> rawCrash) {
        CrashIndexer.Outcome outcome = indexer.index(processedCrash, rawCrash == null ? null : MAPPER.valueToTree(rawCrash));
        if (outcome != CrashIndexer.Outcome.INDEXED) {
            LOG.debugf("crash %s: search %s", crashId, outcome);
        }
    }
}
