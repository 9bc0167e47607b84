package io.breakwater.search;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How a field is stored in Elasticsearch. */
public enum StorageType {
    KEYWORD,
    /** Analysed text with an exact {@code full} keyword sub-field for exact match, wildcards, facets, sorting. */
    TEXT,
    LONG,
    INTEGER,
    DOUBLE,
    BOOLEAN,
    DATE;

    /** Lucene rejects terms over 32766 bytes; UTF-8 needs at most 4 bytes per character. */
    public static final int KEYWORD_IGNORE_ABOVE = 8191;
    public static final String FULL_SUBFIELD = "full";

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StorageType fromJson(String name) {
        for (StorageType t : values()) {
            if (t.jsonName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown storage '" + name + "'");
    }

    /** The Elasticsearch mapping of a field stored this way. */
    public Map<String, Object> mapping() {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (this) {
            case KEYWORD -> {
                m.put("type", "keyword");
                m.put("ignore_above", KEYWORD_IGNORE_ABOVE);
            }
            case TEXT -> {
                m.put("type", "text");
                m.put("fields", Map.of(FULL_SUBFIELD,
                        Map.of("type", "keyword", "ignore_above", KEYWORD_IGNORE_ABOVE)));
            }
            case LONG -> m.put("type", "long");
            case INTEGER -> m.put("type", "integer");
            case DOUBLE -> m.put("type", "double");
            case BOOLEAN -> m.put("type", "boolean");
            case DATE -> {
                m.put("type", "date");
                m.put("format", "strict_date_optional_time||epoch_millis");
            }
        }
        return m;
    }

    /** Whether a query type may be stored this way. */
    public boolean accepts(QueryType queryType) {
        return switch (queryType) {
            case STRING, ENUM -> this == KEYWORD || this == TEXT;
            case INTEGER -> this == LONG || this == INTEGER;
            case FLOAT -> this == DOUBLE;
            case BOOL -> this == BOOLEAN;
            case DATE -> this == DATE;
        };
    }
}
