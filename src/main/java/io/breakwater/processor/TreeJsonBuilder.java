package io.breakwater.processor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.stackwalk.output.JsonBuilder;

import java.util.TreeMap;

/**
 * Builds the engine's walk output straight into a Jackson tree, the form the rules work on: no maps and lists
 * to convert afterwards (that conversion cost as much as the walk output itself). Values go through
 * {@link PlainJson#tree}, which passes the nodes made here through and converts the few plain maps the
 * writer hands over (annotations, macOS crash records).
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
        object.set(key, PlainJson.tree(value));
    }

    @Override
    public void add(ArrayNode array, Object value) {
        array.add(PlainJson.tree(value));
    }
}
