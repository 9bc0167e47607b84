package io.breakwater.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered multi-valued parameter list: the Super Search parameters a page sends to the service, and
 * the query string of the links it renders.
 */
public final class Query {

    private final Map<String, List<String>> params = new LinkedHashMap<>();

    public Query() {
    }

    public Query(Map<String, List<String>> initial) {
        initial.forEach((k, v) -> params.put(k, new ArrayList<>(v)));
    }

    /** A raw (URL-encoded) query string, in order; malformed escapes are kept as text. */
    public static Query parse(String rawQuery) {
        Query q = new Query();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return q;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            q.add(key, value);
        }
        return q;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    public Query add(String key, Object value) {
        if (value != null) {
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(String.valueOf(value));
        }
        return this;
    }

    public Query addAll(String key, List<String> values) {
        values.forEach(v -> add(key, v));
        return this;
    }

    public Query set(String key, Object value) {
        params.remove(key);
        return add(key, value);
    }

    public Query remove(String key) {
        params.remove(key);
        return this;
    }

    public List<String> get(String key) {
        return params.getOrDefault(key, List.of());
    }

    public String first(String key) {
        List<String> v = params.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public Query copy() {
        return new Query(params);
    }

    /** A live view for the service; callers must not keep it. */
    public Map<String, List<String>> asMap() {
        return params;
    }

    /** URL-encoded, without the leading {@code ?}. */
    public String encoded() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, values) -> {
            for (String v : values) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(Text.url(k)).append('=').append(Text.url(v));
            }
        });
        return sb.toString();
    }

    /** {@code path} with this query string, if any. */
    public String url(String path) {
        String q = encoded();
        return q.isEmpty() ? path : path + "?" + q;
    }
}
