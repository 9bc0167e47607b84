package io.breakwater.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Super Search answer ({@code {hits, total, facets}}) with typed access to its buckets. */
public record SearchResult(List<Map<String, Object>> hits, long total, Map<String, Object> facets) {

    /** One facet bucket: a term, its count, and the aggregations nested in it. */
    public record Bucket(Object term, long count, Map<String, Object> facets) {

        public String termText() {
            return Text.of(term);
        }

        public List<Bucket> sub(String name) {
            return buckets(facets, name);
        }

        public long cardinality(String field) {
            return SearchResult.cardinality(facets, field);
        }
    }

    @SuppressWarnings("unchecked")
    public static SearchResult from(Map<String, Object> response) {
        List<Map<String, Object>> hits = (List<Map<String, Object>>) response.getOrDefault("hits", List.of());
        Object total = response.get("total");
        Map<String, Object> facets = (Map<String, Object>) response.getOrDefault("facets", Map.of());
        return new SearchResult(hits, total instanceof Number n ? n.longValue() : hits.size(), facets);
    }

    public List<Bucket> buckets(String name) {
        return buckets(facets, name);
    }

    public long cardinality(String field) {
        return cardinality(facets, field);
    }

    @SuppressWarnings("unchecked")
    static List<Bucket> buckets(Map<String, Object> facets, String name) {
        if (facets == null || !(facets.get(name) instanceof List<?> list)) {
            return List.of();
        }
        List<Bucket> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                Object count = m.get("count");
                Object sub = m.get("facets");
                out.add(new Bucket(m.get("term"), count instanceof Number n ? n.longValue() : 0,
                        sub instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of()));
            }
        }
        return out;
    }

    static long cardinality(Map<String, Object> facets, String field) {
        if (facets != null && facets.get("cardinality_" + field) instanceof Map<?, ?> m
                && m.get("value") instanceof Number n) {
            return n.longValue();
        }
        return 0;
    }
}
