package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

/** {@code os_name} and {@code os_version} as the dump reports them ("Windows NT", "Linux", "Mac OS X", ...). */
public final class OsInfoRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        JsonNode system = ctx.jsonDump().path("system_info");
        ctx.processed().put("os_name", CpuInfoRule.nonEmpty(system.path("os"), "Unknown"));
        ctx.processed().put("os_version", CpuInfoRule.nonEmpty(system.path("os_ver"), ""));
    }
}
