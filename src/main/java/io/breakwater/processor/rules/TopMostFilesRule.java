package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

/**
 * {@code topmost_filenames}: the first source file on the crashing thread's stack, looking at a frame's
 * inlined calls (innermost first) before the frame itself, since they ran "above" it.
 */
public final class TopMostFilesRule implements Rule {

    @Override
    public boolean predicate(ProcessingContext ctx) {
        return ctx.jsonDump().isObject();
    }

    @Override
    public void action(ProcessingContext ctx) {
        JsonNode frames = StackFrames.crashingFrames(ctx.jsonDump());
        if (frames == null) {
            ctx.note("no topmost_filenames: no crashing thread stack");
            return;
        }
        for (JsonNode frame : frames) {
            for (JsonNode inline : frame.path("inlines")) {
                String file = inline.path("file").asText("");
                if (!file.isEmpty()) {
                    ctx.processed().put("topmost_filenames", file);
                    return;
                }
            }
            String file = frame.path("file").asText("");
            if (!file.isEmpty()) {
                ctx.processed().put("topmost_filenames", file);
                return;
            }
        }
    }
}
