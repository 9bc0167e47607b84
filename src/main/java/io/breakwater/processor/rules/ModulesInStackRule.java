package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code modules_in_stack}: sorted {@code module/debugid} pairs of every module with a frame on the crashing
 * thread, joined by ";" (find all crashes that went through a given build of a library).
 */
public final class ModulesInStackRule implements Rule {

    @Override
    public boolean predicate(ProcessingContext ctx) {
        return ctx.jsonDump().isObject();
    }

    @Override
    public void action(ProcessingContext ctx) {
        JsonNode frames = StackFrames.crashingFrames(ctx.jsonDump());
        if (frames == null) return;
        Map<String, String> byFilename = new HashMap<>();
        for (JsonNode module : ctx.jsonDump().path("modules")) {
            String filename = module.path("filename").asText("");
            if (!filename.isEmpty()) {
                byFilename.putIfAbsent(filename, ModuleText.filename(filename) + "/"
                        + ModuleText.debugId(module.path("debug_id").asText("")));
            }
        }
        TreeSet<String> modules = new TreeSet<>();
        for (JsonNode frame : frames) {
            String entry = byFilename.get(frame.path("module").asText(""));
            if (entry != null) modules.add(entry);
        }
        if (!modules.isEmpty()) ctx.processed().put("modules_in_stack", String.join(";", modules));
    }
}
