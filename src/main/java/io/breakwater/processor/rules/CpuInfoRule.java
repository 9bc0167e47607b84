package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

import java.util.Map;

/**
 * {@code cpu_arch}, {@code cpu_info}, {@code cpu_count} from the dump's system info; the architecture falls
 * back to Android's ABI annotation when the dump lacks it.
 */
public final class CpuInfoRule implements Rule {

    private static final Map<String, String> ANDROID_ABI = Map.of(
            "armeabi-v7a", "arm", "arm64-v8a", "arm64", "x86_64", "amd64", "x86", "x86");

    @Override
    public void action(ProcessingContext ctx) {
        JsonNode system = ctx.jsonDump().path("system_info");
        ctx.processed().put("cpu_info", nonEmpty(system.path("cpu_info"), "unknown"));
        ctx.processed().put("cpu_count", system.path("cpu_count").asInt(0));
        String arch = nonEmpty(system.path("cpu_arch"), "unknown");
        String abi = ctx.firstAnnotation("Android_CPU_ABI");
        if (arch.equals("unknown") && abi != null) arch = ANDROID_ABI.getOrDefault(abi, abi);
        ctx.processed().put("cpu_arch", arch);
    }

    static String nonEmpty(JsonNode node, String fallback) {
        String text = node.isValueNode() && !node.isNull() ? node.asText().strip() : "";
        return text.isEmpty() ? fallback : text;
    }
}
