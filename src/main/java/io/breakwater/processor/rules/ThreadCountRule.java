package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

/** {@code thread_count}: threads in the dump. */
public final class ThreadCountRule implements Rule {

    @Override
    public boolean predicate(ProcessingContext ctx) {
        return ctx.jsonDump().isObject();
    }

    @Override
    public void action(ProcessingContext ctx) {
        JsonNode dump = ctx.jsonDump();
        JsonNode count = dump.path("thread_count");
        int threads = count.canConvertToInt() ? count.asInt() : dump.path("threads").size();
        ctx.processed().put("thread_count", threads);
    }
}
