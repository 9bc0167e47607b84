package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ShardFailure;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.DoubleTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.HistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.LongTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Super Search: Socorro's query grammar over the field registry, answered from Elasticsearch as
 * {@code {hits, total, facets, errors}}.
 */
@ApplicationScoped
public class SuperSearch {

    private static final org.jboss.logging.Logger LOGGER = org.jboss.logging.Logger.getLogger(SuperSearch.class);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ElasticsearchClient client;
    private final FieldRegistry registry;
    private final SuperSearchQueryBuilder queryBuilder;
    private final Clock clock;

    @Inject
    public SuperSearch(ElasticsearchClient client, FieldRegistry registry, CrashIndexNames names) {
        this(client, registry, names, Clock.systemUTC());
    }

    public SuperSearch(ElasticsearchClient client, FieldRegistry registry, CrashIndexNames names, Clock clock) {
        this.client = client;
        this.registry = registry;
        this.queryBuilder = new SuperSearchQueryBuilder(names);
        this.clock = clock;
    }

    public FieldRegistry registry() {
        return registry;
    }

    public SuperSearchRequest parse(Map<String, List<String>> params, SearchAccess access) {
        return new SuperSearchParser(registry, clock).parse(params, access);
    }

    /**
     * @throws SuperSearchException       bad parameters (400) or protected fields without permission (403)
     * @throws SearchUnavailableException Elasticsearch could not answer
     */
    public Map<String, Object> search(Map<String, List<String>> params, SearchAccess access) {
        return search(parse(params, access));
    }

    /** Runs a request from {@link #parse}. */
    public Map<String, Object> search(SuperSearchRequest request) {
        SearchRequest es = queryBuilder.build(request);
        if (request.returnQuery()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("query", toJson(es));
            out.put("indices", queryBuilder.indices(request));
            return out;
        }
        SearchResponse<Map> response;
        try {
            response = client.search(es, Map.class);
        } catch (IOException | RuntimeException e) {
            if (EsErrors.isUnavailable(e)) {
                throw new SearchUnavailableException("search failed: " + EsErrors.reason(e), e);
            }
            throw SuperSearchException.badRequest(null, "Elasticsearch refused the search: " + EsErrors.reason(e));
        }
        rejectPartialResults(response);
        return format(request, response);
    }

    /**
     * A search over several indices answers 200 when only some shards fail, e.g. a regex only the shards that
     * hold the field parse: a query the shards refused is the caller's error (400). Shards that are merely not
     * available (an index still being created) leave the answer as Elasticsearch gives it.
     */
    private static void rejectPartialResults(SearchResponse<Map> response) {
        if (response.shards() == null || response.shards().failed().intValue() == 0) {
            return;
        }
        co.elastic.clients.elasticsearch._types.ShardFailure failure = response.shards().failures().isEmpty() ? null
                : response.shards().failures().get(0);
        String reason = failure == null ? "a shard failed" : EsErrors.reason(failure.reason());
        String type = failure == null || failure.reason().type() == null ? "" : failure.reason().type();
        if (type.contains("query") || type.contains("parse") || type.contains("illegal_argument")
                || reason.contains("query") || reason.contains("regular expression")) {
            throw SuperSearchException.badRequest(null, "Elasticsearch refused the search: " + reason);
        }
        LOGGER.debugf("search answered with %s failed shard(s): %s", response.shards().failed(), reason);
    }

    private static Object toJson(SearchRequest es) {
        try {
            return MAPPER.readTree(JsonpUtils.toJsonString(es, new JacksonJsonpMapper()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> format(SuperSearchRequest request, SearchResponse<Map> response) {
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<?, ?> source = hit.source() == null ? Map.of() : hit.source();
            Map<String, Object> row = new LinkedHashMap<>();
            for (FieldDefinition column : request.columns()) {
                row.put(column.name(), source.get(column.name()));
            }
            hits.add(row);
        }
        Map<String, Object> facets = new LinkedHashMap<>();
        Map<String, Aggregate> aggregations = response.aggregations() == null ? Map.of() : response.aggregations();
        for (Map.Entry<String, Aggregate> e : aggregations.entrySet()) {
            facets.put(e.getKey(), formatAggregate(e.getValue()));
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        if (response.shards() != null && !response.shards().failures().isEmpty()) {
            Map<String, Integer> byIndex = new TreeMap<>();
            for (ShardFailure failure : response.shards().failures()) {
                byIndex.merge(String.valueOf(failure.index()), 1, Integer::sum);
            }
            byIndex.forEach((index, count) -> errors.add(Map.of("type", "shards", "index", index, "shards_count", count)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hits", hits);
        out.put("total", response.hits().total() == null ? hits.size() : response.hits().total().value());
        out.put("facets", facets);
        out.put("errors", errors);
        return out;
    }

    /** Terms and histograms become lists of {term, count[, facets]}; cardinality becomes {value}. */
    static Object formatAggregate(Aggregate agg) {
        if (agg.isCardinality()) {
            return Map.of("value", agg.cardinality().value());
        }
        List<Map<String, Object>> buckets = new ArrayList<>();
        if (agg.isSterms()) {
            for (StringTermsBucket b : agg.sterms().buckets().array()) {
                buckets.add(bucket(b.key().stringValue(), b.docCount(), b.aggregations()));
            }
        } else if (agg.isLterms()) {
            for (LongTermsBucket b : agg.lterms().buckets().array()) {
                Object term = b.keyAsString() != null ? booleanOrString(b.keyAsString()) : (Object) b.key();
                buckets.add(bucket(term, b.docCount(), b.aggregations()));
            }
        } else if (agg.isDterms()) {
            for (DoubleTermsBucket b : agg.dterms().buckets().array()) {
                buckets.add(bucket(b.key(), b.docCount(), b.aggregations()));
            }
        } else if (agg.isDateHistogram()) {
            for (DateHistogramBucket b : agg.dateHistogram().buckets().array()) {
                buckets.add(bucket(b.keyAsString() != null ? b.keyAsString() : b.key(), b.docCount(), b.aggregations()));
            }
        } else if (agg.isHistogram()) {
            for (HistogramBucket b : agg.histogram().buckets().array()) {
                double key = b.key();
                Object term = key == Math.rint(key) && Math.abs(key) < 9e15 ? (Object) (long) key : key;
                buckets.add(bucket(term, b.docCount(), b.aggregations()));
            }
        }
        // Unmapped terms (no index had the field) stay an empty list.
        return buckets;
    }

    private static Object booleanOrString(String s) {
        return switch (s) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> s;
        };
    }

    private static Map<String, Object> bucket(Object term, long count, Map<String, Aggregate> subs) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("term", term);
        b.put("count", count);
        if (subs != null && !subs.isEmpty()) {
            Map<String, Object> facets = new LinkedHashMap<>();
            subs.forEach((name, sub) -> facets.put(name, formatAggregate(sub)));
            b.put("facets", facets);
        }
        return b;
    }

    /** The registry as {@code GET /api/SuperSearchFields} returns it: name → description of the field. */
    public Map<String, Object> fieldsDescription() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldDefinition f : registry.all()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", f.name());
            d.put("description", f.description());
            d.put("query_type", f.queryType().jsonName());
            d.put("storage", f.storage().jsonName());
            d.put("storage_mapping", f.storage().mapping());
            d.put("source", f.sources());
            String first = f.sources().get(0);
            boolean annotation = first.startsWith(FieldDefinition.RAW_CRASH_PREFIX);
            // Socorro's names for the same facts, so its tooling reads this too.
            d.put("namespace", annotation ? "raw_crash" : "processed_crash");
            d.put("in_database_name", f.name());
            d.put("operators", f.operators().stream().sorted().map(Operator::token).toList());
            d.put("split", f.split());
            d.put("protected", f.isProtected());
            d.put("permissions_needed", f.isProtected() ? List.of(SearchAccess.PROTECTED_DATA_PERMISSION) : List.of());
            d.put("is_exposed", true);
            d.put("is_returned", true);
            d.put("has_full_version", f.storage() == StorageType.TEXT);
            d.put("histogram", f.queryType().isHistogrammable());
            out.put(f.name(), d);
        }
        return out;
    }
}
