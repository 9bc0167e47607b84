package io.breakwater.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The declarative registry of processed-crash fields (a JSON resource), used by the indexer, Super Search
 * and the UI. Immutable once loaded.
 */
public final class FieldRegistry {

    public static final String DEFAULT_RESOURCE = "search/fields.json";
    /** The field every search is bounded on and indices are named after. */
    public static final String DATE_FIELD = "date";
    public static final String ID_FIELD = "uuid";

    // No dots: Super Search writes nested aggregations as _aggs.<field>.<field>.
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, FieldDefinition> fields;

    private FieldRegistry(Map<String, FieldDefinition> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** The built-in registry. */
    public static FieldRegistry loadDefault() {
        try (InputStream in = FieldRegistry.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
            }
            return load(List.of(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads registry documents in order; a later document may add fields or redefine earlier ones by name
     * (an operator's extra annotations).
     */
    public static FieldRegistry load(List<InputStream> documents) {
        Map<String, FieldDefinition> fields = new LinkedHashMap<>();
        for (InputStream document : documents) {
            JsonNode root;
            try {
                root = MAPPER.readTree(document);
            } catch (IOException e) {
                throw new IllegalArgumentException("field registry is not valid JSON: " + e.getMessage(), e);
            }
            JsonNode list = root == null ? null : root.get("fields");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException("field registry needs a 'fields' array");
            }
            for (JsonNode node : list) {
                FieldDefinition field = parse(node);
                fields.put(field.name(), field);
            }
        }
        check(fields);
        return new FieldRegistry(fields);
    }

    private static FieldDefinition parse(JsonNode node) {
        String name = text(node, "name", null);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad field name " + node.get("name")
                    + ": letters, digits and underscores, starting with a letter");
        }
        try {
            QueryType queryType = QueryType.fromJson(text(node, "query_type", ""));
            StorageType storage = StorageType.fromJson(text(node, "storage", ""));
            if (!storage.accepts(queryType)) {
                throw new IllegalArgumentException("storage " + storage.jsonName() + " cannot hold query_type "
                        + queryType.jsonName());
            }
            List<String> sources = new ArrayList<>();
            JsonNode src = node.get("source");
            if (src != null && src.isArray()) {
                src.forEach(s -> sources.add(s.asText()));
            } else if (src != null && src.isTextual()) {
                sources.add(src.asText());
            }
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("needs at least one source");
            }
            for (String s : sources) {
                if (!SOURCE.matcher(s).matches()) {
                    throw new IllegalArgumentException("bad source path '" + s + "'");
                }
            }
            Set<Operator> operators;
            JsonNode ops = node.get("operators");
            if (ops == null) {
                operators = queryType.defaultOperators();
            } else {
                operators = EnumSet.noneOf(Operator.class);
                for (JsonNode op : ops) {
                    Operator operator = Operator.fromToken(op.asText())
                            .orElseThrow(() -> new IllegalArgumentException("unknown operator '" + op.asText() + "'"));
                    if (!queryType.defaultOperators().contains(operator)) {
                        throw new IllegalArgumentException("operator '" + op.asText() + "' does not apply to "
                                + queryType.jsonName() + " fields");
                    }
                    operators.add(operator);
                }
            }
            String split = text(node, "split", null);
            if (split != null && (split.isEmpty() || storage != StorageType.KEYWORD)) {
                throw new IllegalArgumentException("split needs a non-empty separator and keyword storage");
            }
            return new FieldDefinition(name, sources, queryType, storage, split, operators,
                    node.path("protected").asBoolean(false), text(node, "description", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + name + "': " + e.getMessage(), e);
        }
    }

    private static void check(Map<String, FieldDefinition> fields) {
        FieldDefinition date = fields.get(DATE_FIELD);
        if (date == null || date.queryType() != QueryType.DATE) {
            throw new IllegalArgumentException("the registry needs a date field named '" + DATE_FIELD + "'");
        }
        FieldDefinition id = fields.get(ID_FIELD);
        if (id == null || id.storage() != StorageType.KEYWORD || id.isProtected()) {
            throw new IllegalArgumentException("the registry needs a public keyword field named '" + ID_FIELD + "'");
        }
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    public Optional<FieldDefinition> find(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public FieldDefinition get(String name) {
        FieldDefinition f = fields.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown field " + name);
        }
        return f;
    }

    /** All fields in registry order. */
    public Collection<FieldDefinition> all() {
        return fields.values();
    }

    public List<FieldDefinition> publicFields() {
        return fields.values().stream().filter(f -> !f.isProtected()).toList();
    }

    /** The Elasticsearch {@code properties} of a crash document. */
    public Map<String, Object> mappingProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (FieldDefinition f : fields.values()) {
            properties.put(f.name(), f.storage().mapping());
        }
        return properties;
    }
}
