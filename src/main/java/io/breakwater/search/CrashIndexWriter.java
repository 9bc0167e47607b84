package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes crash documents to their weekly index, id = crash id, so writing a crash again replaces its
 * document. With a version (the processing completion time) an older result never overwrites a newer one.
 */
public class CrashIndexWriter {

    /** What became of one document. */
    public enum Status { WRITTEN, RETRY, REJECTED }

    public record Result(Status status, String error) {
        static final Result WRITTEN = new Result(Status.WRITTEN, null);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ElasticsearchClient client;
    private final CrashIndexNames names;

    public CrashIndexWriter(ElasticsearchClient client, CrashIndexNames names) {
        this.client = client;
        this.names = names;
    }

    public CrashIndexNames names() {
        return names;
    }

    public ElasticsearchClient client() {
        return client;
    }

    /**
     * @throws SearchUnavailableException when Elasticsearch cannot take it now
     * @return WRITTEN (also when a newer version is already indexed) or REJECTED with Elasticsearch's reason
     */
    public Result write(CrashDocument doc) {
        try {
            client.index(i -> {
                i.index(names.indexFor(doc.date())).id(doc.id()).document(asMap(doc));
                if (doc.version() != null) {
                    i.version(doc.version()).versionType(VersionType.ExternalGte);
                }
                return i;
            });
            return Result.WRITTEN;
        } catch (IOException | RuntimeException e) {
            return classify(EsErrors.status(e), EsErrors.reason(e), e);
        }
    }

    /**
     * Writes many documents in one request; the result map is keyed by crash id.
     *
     * @throws SearchUnavailableException when the request as a whole failed for a transient reason
     */
    public Map<String, Result> writeAll(List<CrashDocument> docs) {
        Map<String, Result> results = new LinkedHashMap<>();
        if (docs.isEmpty()) {
            return results;
        }
        List<BulkOperation> ops = new ArrayList<>(docs.size());
        for (CrashDocument doc : docs) {
            ops.add(BulkOperation.of(op -> op.index(i -> {
                i.index(names.indexFor(doc.date())).id(doc.id()).document(asMap(doc));
                if (doc.version() != null) {
                    i.version(doc.version()).versionType(VersionType.ExternalGte);
                }
                return i;
            })));
        }
        BulkResponse response;
        try {
            response = client.bulk(BulkRequest.of(b -> b.operations(ops)));
        } catch (IOException | RuntimeException e) {
            if (EsErrors.isUnavailable(e)) {
                throw new SearchUnavailableException("search index unavailable: " + EsErrors.reason(e), e);
            }
            for (CrashDocument doc : docs) {
                results.put(doc.id(), new Result(Status.REJECTED, EsErrors.reason(e)));
            }
            return results;
        }
        List<BulkResponseItem> items = response.items();
        for (int n = 0; n < docs.size(); n++) {
            CrashDocument doc = docs.get(n);
            BulkResponseItem item = n < items.size() ? items.get(n) : null;
            if (item == null) {
                results.put(doc.id(), new Result(Status.RETRY, "no bulk response item"));
            } else if (item.error() == null) {
                results.put(doc.id(), Result.WRITTEN);
            } else {
                results.put(doc.id(), classify(item.status(), EsErrors.reason(item.error()), null));
            }
        }
        return results;
    }

    private static Result classify(int status, String reason, Exception e) {
        if (status == 409) {
            // version_conflict: a newer processing result is already indexed.
            return Result.WRITTEN;
        }
        if (EsErrors.isRetryableStatus(status)) {
            if (e != null) {
                throw new SearchUnavailableException("search index unavailable: " + reason, e);
            }
            return new Result(Status.RETRY, reason);
        }
        return new Result(Status.REJECTED, reason);
    }

    private static Map<String, Object> asMap(CrashDocument doc) {
        // A plain map serialises the same whatever JSON mapper the client was built with.
        return MAPPER.convertValue(doc.source(), MAP);
    }
}
