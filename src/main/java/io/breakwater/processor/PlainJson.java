package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Plain Java values (maps, lists, strings, numbers, booleans, null), as the engine's JSON writer gives them,
 * turned into a Jackson tree in one pass. {@link ObjectMapper#valueToTree} does the same by serialising into a
 * token buffer and reading that back, which was a fifth of a crash's processing time for large walks.
 */
final class PlainJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlainJson() {
    }

    static JsonNode tree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                object.set(String.valueOf(e.getKey()), tree(e.getValue()));
            }
            return object;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object item : list) {
                array.add(tree(item));
            }
            return array;
        }
        return switch (value) {
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s.intValue()); // as Jackson's serialiser writes them
            case Byte b -> NODES.numberNode(b.intValue());
            case Double d -> NODES.numberNode(d);
            case BigInteger b -> NODES.numberNode(b);
            case JsonNode node -> node;
            // Anything else goes the general way (floats and BigDecimal too, whose nodes Jackson makes its own way).
            default -> MAPPER.valueToTree(value);
        };
    }
}
