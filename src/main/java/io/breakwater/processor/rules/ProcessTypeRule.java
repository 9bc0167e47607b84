package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Locale;
import java.util.Set;

/**
 * {@code process_type}: the annotation, with the main process called {@code parent} as in Socorro. Reporters
 * name the main process nothing, {@code main}, or (Electron) {@code browser}.
 */
public final class ProcessTypeRule implements Rule {

    private static final Set<String> MAIN_PROCESS = Set.of("", "main", "browser", "parent", "default");

    @Override
    public void action(ProcessingContext ctx) {
        String type = ctx.firstAnnotation("ProcessType", "process_type", "ptype");
        String normalised = type == null ? "" : type.toLowerCase(Locale.ROOT);
        ctx.processed().put("process_type", MAIN_PROCESS.contains(normalised) ? "parent" : normalised);
    }
}
