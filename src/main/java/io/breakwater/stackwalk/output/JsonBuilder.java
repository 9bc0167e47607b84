package io.breakwater.stackwalk.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where {@link JsonWriter} builds its document, so that a caller holding its own JSON tree type gets that
 * tree directly instead of maps and lists it must convert. Values given to {@link #put} and {@link #add}
 * are strings, {@code Integer}/{@code Long} numbers, booleans, null, objects and arrays from the same
 * builder, or plain Java maps and lists (taken over as they are by {@link #plain()}, converted by others).
 *
 * @param <O> the object type
 * @param <A> the array type
 */
public interface JsonBuilder<O, A> {

    /** An object whose keys stay in insertion order (the writer inserts them sorted). */
    O object();

    /** An object whose keys are sorted by the object itself, as serde_json writes them. */
    O sortedObject();

    A array(int expectedSize);

    void put(O object, String key, Object value);

    void add(A array, Object value);

    /** Plain maps and lists: the form {@link JsonWriter#toMap} returns and {@link Json} writes. */
    static JsonBuilder<Map<String, Object>, List<Object>> plain() {
        return PlainBuilder.INSTANCE;
    }

    /** The plain form's builder. */
    final class PlainBuilder implements JsonBuilder<Map<String, Object>, List<Object>> {
        private static final PlainBuilder INSTANCE = new PlainBuilder();

        private PlainBuilder() {}

        @Override
        public Map<String, Object> object() {
            return new LinkedHashMap<>();
        }

        @Override
        public Map<String, Object> sortedObject() {
            return new TreeMap<>();
        }

        @Override
        public List<Object> array(int expectedSize) {
            return new ArrayList<>(expectedSize);
        }

        @Override
        public void put(Map<String, Object> object, String key, Object value) {
            object.put(key, value);
        }

        @Override
        public void add(List<Object> array, Object value) {
            array.add(value);
        }
    }
}
