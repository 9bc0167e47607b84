package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Iterator;
import java.util.Map;

/**
 * Cuts threads of more than 500 frames in the middle, keeping the 250 innermost and 250 outermost frames:
 * the top tells what crashed, the bottom where it came from; the middle of a deep recursion repeats itself
 * and only bloats storage and search. Truncated threads get {@code truncated: true} and
 * {@code truncated_frames} (how many were dropped).
 */
public final class TruncateStacksRule implements Rule {

    public static final int MAX_FRAMES = 500;
    public static final int KEEP = MAX_FRAMES / 2;

    @Override
    public void action(ProcessingContext ctx) {
        for (Iterator<Map.Entry<String, JsonNode>> it = ctx.processed().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("json_dump")) {
                truncateDump(ctx, field.getValue(), "json_dump");
            } else if (field.getValue().path("json_dump").isObject()) {
                truncateDump(ctx, field.getValue().path("json_dump"), field.getKey() + ".json_dump");
            }
        }
    }

    private static void truncateDump(ProcessingContext ctx, JsonNode dump, String path) {
        truncateThread(ctx, dump.path("crashing_thread"), path + ".crashing_thread");
        JsonNode threads = dump.path("threads");
        for (int i = 0; i < threads.size(); i++) {
            truncateThread(ctx, threads.get(i), path + ".threads[" + i + "]");
        }
    }

    private static void truncateThread(ProcessingContext ctx, JsonNode thread, String path) {
        if (!(thread instanceof ObjectNode object) || !(object.get("frames") instanceof ArrayNode frames)) return;
        int total = frames.size();
        if (total <= MAX_FRAMES) return;
        ArrayNode kept = object.arrayNode(MAX_FRAMES);
        for (int i = 0; i < KEEP; i++) kept.add(frames.get(i));
        for (int i = total - KEEP; i < total; i++) kept.add(frames.get(i));
        object.set("frames", kept);
        object.put("truncated", true);
        object.put("truncated_frames", total - MAX_FRAMES);
        ctx.note("truncated " + path + ".frames: " + total + " -> " + MAX_FRAMES
                + " (kept " + KEEP + " top and " + KEEP + " bottom frames)");
    }
}
