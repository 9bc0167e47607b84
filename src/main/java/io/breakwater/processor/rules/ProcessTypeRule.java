package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Locale;

/**
 * {@code process_type}: the client's own name for the process that crashed, lower-cased so that facets
 * group it (Electron's {@code browser}, Chrome's {@code gpu-process}, Firefox's {@code parent} and
 * {@code content}); empty when the client sent none. Names are not translated into Firefox's vocabulary:
 * an Electron main process is not a Firefox parent process.
 */
public final class ProcessTypeRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        String type = ctx.firstAnnotation("ProcessType", "process_type", "ptype");
        ctx.processed().put("process_type", type == null ? "" : type.strip().toLowerCase(Locale.ROOT));
    }
}
