package io.breakwater.search;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of the processor into search: indexes one processed crash. Never fails processing because of
 * Elasticsearch: when it is unavailable the crash id goes to the durable {@link SearchBacklog} and the
 * catch-up job writes it later from object storage. Writing a crash again replaces its document.
 */
@ApplicationScoped
public class CrashIndexer {

    /** What happened to the crash. */
    public enum Outcome {
        /** The document is in Elasticsearch (or a newer one already was). */
        INDEXED,
        /** Elasticsearch is unavailable; the crash is in the backlog and will be indexed later. */
        QUEUED,
        /** Elasticsearch refused the document, or the crash has no usable id/date; logged, and parked in the backlog when it has an id. */
        REJECTED
    }

    private static final Logger LOG = Logger.getLogger(CrashIndexer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CrashDocumentBuilder builder;
    private final CrashIndexWriter writer;
    private final CrashIndexManager manager;
    private final SearchBacklog backlog;
    private final SearchAvailability availability;

    @Inject
    public CrashIndexer(CrashDocumentBuilder builder, CrashIndexWriter writer, CrashIndexManager manager,
                        SearchBacklog backlog, SearchAvailability availability) {
        this.builder = builder;
        this.writer = writer;
        this.manager = manager;
        this.backlog = backlog;
        this.availability = availability;
    }

    /** Indexes a processed crash given as JSON (annotations read from its {@code raw_crash} map). */
    public Outcome index(String processedCrashJson) {
        JsonNode processed;
        try {
            processed = MAPPER.readTree(processedCrashJson);
        } catch (IOException e) {
            LOG.warnf("not indexing a processed crash that is not valid JSON: %s", e.getMessage());
            return Outcome.REJECTED;
        }
        return index(processed, null);
    }

    public Outcome index(JsonNode processedCrash) {
        return index(processedCrash, null);
    }

    /**
     * @param rawCrash the annotations, or null when the processed crash carries them as {@code raw_crash}
     * @throws IllegalStateException only when neither Elasticsearch nor the backlog (PostgreSQL) can take it
     */
    public Outcome index(JsonNode processedCrash, JsonNode rawCrash) {
        CrashDocument doc;
        try {
            doc = builder.build(processedCrash, rawCrash);
        } catch (IllegalArgumentException e) {
            LOG.warnf("not indexing crash: %s", e.getMessage());
            return Outcome.REJECTED;
        }
        if (availability.presumedDown()) {
            backlog.enqueue(doc.id(), SearchBacklog.Reason.UNAVAILABLE, "search index was unavailable");
            return Outcome.QUEUED;
        }
        try {
            manager.ensureReady();
            CrashIndexWriter.Result result = writer.write(doc);
            availability.markUp();
            if (result.status() == CrashIndexWriter.Status.REJECTED) {
                LOG.warnf("search index rejected crash %s: %s", doc.id(), result.error());
                backlog.parkNew(doc.id(), result.error());
                return Outcome.REJECTED;
            }
            return Outcome.INDEXED;
        } catch (SearchUnavailableException e) {
            availability.markDown(e.getMessage());
            backlog.enqueue(doc.id(), SearchBacklog.Reason.UNAVAILABLE, e.getMessage());
            return Outcome.QUEUED;
        } catch (SearchConfigurationException e) {
            // The template itself was refused: a configuration problem, keep the crash for later.
            LOG.errorf("search index not usable: %s", e.getMessage());
            backlog.enqueue(doc.id(), SearchBacklog.Reason.UNAVAILABLE, e.getMessage());
            return Outcome.QUEUED;
        }
    }

    /**
     * Indexes many processed crashes in one bulk request (annotations read from each one's {@code raw_crash}).
     *
     * @return the outcome per crash id; crashes without a usable id are logged and left out
     */
    public Map<String, Outcome> indexAll(List<JsonNode> processedCrashes) {
        List<CrashDocument> docs = new ArrayList<>();
        for (JsonNode processed : processedCrashes) {
            try {
                CrashDocument doc = builder.build(processed, null);
                docs.add(doc);
            } catch (IllegalArgumentException e) {
                LOG.warnf("not indexing crash: %s", e.getMessage());
            }
        }
        return indexDocuments(docs);
    }

    /** The search document of a processed crash; empty (and logged) when it has no usable id or date. */
    Optional<CrashDocument> document(JsonNode processedCrash, JsonNode rawCrash) {
        try {
            return Optional.of(builder.build(processedCrash, rawCrash));
        } catch (IllegalArgumentException e) {
            LOG.warnf("not indexing crash: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Writes documents in one bulk request; what Elasticsearch cannot take now goes to the backlog.
     *
     * @return the outcome per crash id
     * @throws IllegalStateException only when neither Elasticsearch nor the backlog (PostgreSQL) can take them
     */
    Map<String, Outcome> indexDocuments(List<CrashDocument> docs) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> ids = docs.stream().map(CrashDocument::id).toList();
        if (docs.isEmpty()) {
            return outcomes;
        }
        if (availability.presumedDown()) {
            backlog.enqueueAll(ids, SearchBacklog.Reason.UNAVAILABLE, "search index was unavailable");
            ids.forEach(id -> outcomes.put(id, Outcome.QUEUED));
            return outcomes;
        }
        Map<String, CrashIndexWriter.Result> results;
        try {
            manager.ensureReady();
            results = writer.writeAll(docs);
            availability.markUp();
        } catch (SearchUnavailableException | SearchConfigurationException e) {
            if (e instanceof SearchUnavailableException) {
                availability.markDown(e.getMessage());
            } else {
                LOG.errorf("search index not usable: %s", e.getMessage());
            }
            backlog.enqueueAll(ids, SearchBacklog.Reason.UNAVAILABLE, e.getMessage());
            ids.forEach(id -> outcomes.put(id, Outcome.QUEUED));
            return outcomes;
        }
        List<String> retry = new ArrayList<>();
        for (Map.Entry<String, CrashIndexWriter.Result> r : results.entrySet()) {
            switch (r.getValue().status()) {
                case WRITTEN -> outcomes.put(r.getKey(), Outcome.INDEXED);
                case RETRY -> {
                    retry.add(r.getKey());
                    outcomes.put(r.getKey(), Outcome.QUEUED);
                }
                case REJECTED -> {
                    LOG.warnf("search index rejected crash %s: %s", r.getKey(), r.getValue().error());
                    backlog.parkNew(r.getKey(), r.getValue().error());
                    outcomes.put(r.getKey(), Outcome.REJECTED);
                }
            }
        }
        backlog.enqueueAll(retry, SearchBacklog.Reason.UNAVAILABLE, "search index overloaded");
        return outcomes;
    }

    /**
     * Removes a crash's document from every crash index: the weekly index of its date (found even right
     * after indexing, before a refresh) and any other index a search finds it in (an operator may have
     * re-dated it).
     *
     * @return how many documents were deleted
     */
    public int remove(String crashId) {
        try {
            java.util.Set<String> candidates = new java.util.LinkedHashSet<>();
            io.breakwater.storage.CrashIds.date(crashId).ifPresent(day -> candidates.add(manager.names().indexFor(day)));
            var response = writer.client().search(s -> s.index(manager.names().alias())
                    .ignoreUnavailable(true).allowNoIndices(true)
                    .query(q -> q.ids(i -> i.values(crashId))).source(src -> src.fetch(false)).size(10),
                    Map.class);
            for (Hit<Map> hit : response.hits().hits()) {
                candidates.add(hit.index());
            }
            int deleted = 0;
            for (String index : candidates) {
                try {
                    var result = writer.client().delete(d -> d.index(index).id(crashId));
                    if (result.result() == co.elastic.clients.elasticsearch._types.Result.Deleted) {
                        deleted++;
                    }
                } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                    if (!"index_not_found_exception".equals(e.error().type())) {
                        throw e;
                    }
                }
            }
            return deleted;
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("cannot remove crash " + crashId + ": " + EsErrors.reason(e), e);
        }
    }

}
