package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Map;

/** Removes NUL characters from annotation names and values (nested ones too): they break storage and search. */
public final class DeNullRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        Map<String, Object> cleaned = RawCrashText.rewrite(ctx.rawCrash(), s -> s.replace("\0", ""));
        if (cleaned != null) {
            ctx.rawCrash().clear();
            ctx.rawCrash().putAll(cleaned);
            ctx.note("sanitised: removed NUL characters from the raw crash");
        }
    }
}
