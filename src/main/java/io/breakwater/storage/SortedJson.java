package io.breakwater.storage;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a plain value tree (maps with string keys, collections, strings, numbers, booleans, nulls) as JSON,
 * each map's keys in order: the same bytes as a mapper with {@code ORDER_MAP_ENTRIES_BY_KEYS}, straight onto
 * its generator. The collector writes one such document per crash, and the mapper's per-entry serializer
 * look-ups were most of that cost. Any other value is handed to the mapper.
 */
final class SortedJson {

    private SortedJson() {
    }

    static byte[] write(Object value, ObjectMapper mapper) throws IOException {
        try (ByteArrayBuilder out = new ByteArrayBuilder(1024)) {
            try (JsonGenerator gen = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                value(gen, value, mapper);
            }
            return out.toByteArray();
        }
    }

    private static void value(JsonGenerator gen, Object value, ObjectMapper mapper) throws IOException {
        switch (value) {
            case null -> gen.writeNull();
            case String s -> gen.writeString(s);
            case Integer i -> gen.writeNumber(i);
            case Long l -> gen.writeNumber(l);
            case Boolean b -> gen.writeBoolean(b);
            case Short s -> gen.writeNumber(s);
            case Byte b -> gen.writeNumber(b.intValue());
            case Double d -> gen.writeNumber(d);
            case Float f -> gen.writeNumber(f);
            case BigDecimal d -> gen.writeNumber(d);
            case BigInteger i -> gen.writeNumber(i);
            case Map<?, ?> map when hasOnlyStringKeys(map) -> object(gen, map, mapper);
            case Collection<?> items -> {
                gen.writeStartArray();
                for (Object item : items) {
                    value(gen, item, mapper);
                }
                gen.writeEndArray();
            }
            default -> mapper.writeValue(gen, value);
        }
    }

    private static void object(JsonGenerator gen, Map<?, ?> map, ObjectMapper mapper) throws IOException {
        // The mapper keeps a sorted map's own order and sorts any other map by key.
        Map<?, ?> ordered = map instanceof SortedMap<?, ?> ? map : new TreeMap<>(map);
        gen.writeStartObject();
        for (Map.Entry<?, ?> entry : ordered.entrySet()) {
            gen.writeFieldName((String) entry.getKey());
            value(gen, entry.getValue(), mapper);
        }
        gen.writeEndObject();
    }

    private static boolean hasOnlyStringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
