package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.TreeSet;

/**
 * {@code missing_symbols}: {@code debug_file/version/debug_id[/code_id]} of every module the walker found no
 * symbols for, sorted and joined by ";" — the list to hand to whoever uploads symbols.
 */
public final class MissingSymbolsRule implements Rule {

    @Override
    public boolean predicate(ProcessingContext ctx) {
        return ctx.jsonDump().path("modules").isArray();
    }

    @Override
    public void action(ProcessingContext ctx) {
        TreeSet<String> missing = new TreeSet<>();
        for (JsonNode module : ctx.jsonDump().path("modules")) {
            if (!module.path("missing_symbols").asBoolean(false)) continue;
            String debugFile = ModuleText.filename(
                    module.path("debug_file").asText(module.path("filename").asText("")));
            String debugId = ModuleText.debugId(module.path("debug_id").asText(""));
            if (debugFile.isEmpty() || debugId.isEmpty()) continue;
            String version = ModuleText.version(module.path("version").asText(""));
            String codeId = ModuleText.debugId(module.path("code_id").asText(""));
            missing.add(debugFile + "/" + version + "/" + debugId + (codeId.isEmpty() ? "" : "/" + codeId));
        }
        if (!missing.isEmpty()) ctx.processed().put("missing_symbols", String.join(";", missing));
    }
}
