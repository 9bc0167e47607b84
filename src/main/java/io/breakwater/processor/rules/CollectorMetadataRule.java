package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Map;

/** {@code collector_metadata}: what the collector recorded about the submission (payload, checksums, agent). */
public final class CollectorMetadataRule implements Rule {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void action(ProcessingContext ctx) {
        Object metadata = ctx.rawCrash().get("metadata");
        JsonNode node = metadata instanceof Map<?, ?> ? MAPPER.valueToTree(metadata) : MAPPER.createObjectNode();
        ctx.processed().set("collector_metadata", node);
    }
}
