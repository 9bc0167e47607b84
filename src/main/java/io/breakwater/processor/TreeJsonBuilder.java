package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.stackwalk.output.JsonBuilder;

import java.util.TreeMap;

/**
 * Builds the engine's walk output straight into a Jackson tree, the form the rules work on: no maps and lists
 * to convert afterwards (that conversion cost as much as the walk output itself).
 */
final class TreeJsonBuilder implements JsonBuilder<ObjectNode, ArrayNode> {

    static final TreeJsonBuilder INSTANCE = new TreeJsonBuilder();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeJsonBuilder() {
    }

    @Override
    public ObjectNode object() {
        return NODES.objectNode();
    }

    @Override
    public ObjectNode sortedObject() {
        return new ObjectNode(NODES, new TreeMap<>());
    }

    @Override
    public ArrayNode array(int expectedSize) {
        return NODES.arrayNode(expectedSize);
    }

    @Override
    public void put(ObjectNode object, String key, Object value) {
        object.set(key, node(value));
    }

    @Override
    public void add(ArrayNode array, Object value) {
        array.add(node(value));
    }

    private static JsonNode node(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case JsonNode node -> node;
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            default -> PlainJson.tree(value);
        };
    }
}
