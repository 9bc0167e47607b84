package io.breakwater.signature;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link CrashData} from JSON:
 * <ul>
 *   <li>{@link #fromJsonDump}: the stack walker's {@code json_dump} (rust-minidump / Socorro shape:
 *       {@code system_info.os}, {@code crash_info.crashing_thread}, {@code crash_info.type},
 *       {@code threads[].frames[]} with {@code inlines[]}) plus the crash annotations. Lenient: a field
 *       of the wrong type counts as absent.</li>
 *   <li>{@link #fromSignatureJob}: one job of Socorro's CrashSignature API ({@code os},
 *       {@code crashing_thread}, {@code threads[].frames[]}, and annotation keys such as
 *       {@code abort_message}). Strict: a wrong shape is an {@link InvalidCrashDataException} naming the
 *       offending path.</li>
 * </ul>
 */
public final class CrashDataJson {

    private CrashDataJson() {
    }

    public static CrashData fromJsonDump(JsonNode jsonDump, Map<String, String> annotations) {
        Reader reader = new Reader(false);
        Map<String, String> merged = new LinkedHashMap<>();
        String os = null;
        Integer crashingThread = null;
        List<CrashThread> threads = List.of();
        if (jsonDump != null && jsonDump.isObject()) {
            os = reader.text(jsonDump.path("system_info").get("os"), "json_dump.system_info.os");
            JsonNode crashInfo = jsonDump.path("crash_info");
            crashingThread = reader.integer(crashInfo.get("crashing_thread"), "json_dump.crash_info.crashing_thread");
            putIfPresent(merged, "reason", reader.text(crashInfo.get("type"), "json_dump.crash_info.type"));
            putIfPresent(merged, "mdsw_status_string", reader.text(jsonDump.get("status"), "json_dump.status"));
            threads = reader.threads(jsonDump.get("threads"), "json_dump.threads");
        }
        if (annotations != null) {
            annotations.forEach((k, v) -> {
                if (k != null && v != null) {
                    merged.put(k, v);
                }
            });
        }
        return new CrashData(os, crashingThread, threads, merged);
    }

    /**
     * One CrashSignature job. {@code path} prefixes error messages (e.g. {@code jobs[2]}).
     *
     * @throws InvalidCrashDataException when the job is not an object or a field has the wrong shape
     */
    public static CrashData fromSignatureJob(JsonNode job, String path) {
        if (job == null || !job.isObject()) {
            throw new InvalidCrashDataException(path + ": a job must be a JSON object");
        }
        Reader reader = new Reader(true);
        String os = reader.text(job.get("os"), path + ".os");
        Integer crashingThread = reader.integer(job.get("crashing_thread"), path + ".crashing_thread");
        List<CrashThread> threads = reader.threads(job.get("threads"), path + ".threads");
        Map<String, String> annotations = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = job.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equals("os") || key.equals("crashing_thread") || key.equals("threads")) {
                continue;
            }
            putIfPresent(annotations, key, annotationText(field.getValue()));
        }
        return new CrashData(os, crashingThread, threads, annotations);
    }

    /** Scalars as text, string lists joined with commas (Socorro's {@code additional_minidumps}), objects as JSON. */
    private static String annotationText(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    return value.toString();
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        return value.toString();
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Field readers; strict ones reject wrong shapes, lenient ones read them as absent. */
    private record Reader(boolean strict) {

        List<CrashThread> threads(JsonNode node, String path) {
            if (isAbsent(node)) {
                return List.of();
            }
            if (!node.isArray()) {
                return wrong(path, "an array of threads", List.of());
            }
            List<CrashThread> threads = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                threads.add(thread(node.get(i), path + "[" + i + "]"));
            }
            return threads;
        }

        CrashThread thread(JsonNode node, String path) {
            if (isAbsent(node)) {
                return CrashThread.of(List.of());
            }
            if (!node.isObject()) {
                return wrong(path, "a thread object", CrashThread.of(List.of()));
            }
            List<Frame> frames = new ArrayList<>();
            JsonNode list = node.get("frames");
            if (!isAbsent(list)) {
                if (!list.isArray()) {
                    wrong(path + ".frames", "an array of frames", null);
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        Frame frame = frame(list.get(i), path + ".frames[" + i + "]");
                        if (frame != null) {
                            frames.add(frame);
                        }
                    }
                }
            }
            return new CrashThread(frames,
                    text(node.get("last_error_value"), path + ".last_error_value"),
                    text(node.get("thread_name"), path + ".thread_name"));
        }

        Frame frame(JsonNode node, String path) {
            if (isAbsent(node)) {
                return null;
            }
            if (!node.isObject()) {
                return wrong(path, "a frame object", null);
            }
            List<InlineFrame> inlines = new ArrayList<>();
            JsonNode list = node.get("inlines");
            if (!isAbsent(list)) {
                if (!list.isArray()) {
                    wrong(path + ".inlines", "an array of inline frames", null);
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        JsonNode inline = list.get(i);
                        String inlinePath = path + ".inlines[" + i + "]";
                        if (inline == null || !inline.isObject()) {
                            wrong(inlinePath, "an inline frame object", null);
                            continue;
                        }
                        inlines.add(new InlineFrame(
                                text(inline.get("function"), inlinePath + ".function"),
                                text(inline.get("file"), inlinePath + ".file"),
                                integer(inline.get("line"), inlinePath + ".line")));
                    }
                }
            }
            return new Frame(
                    integer(node.get("frame"), path + ".frame"),
                    text(node.get("module"), path + ".module"),
                    text(node.get("function"), path + ".function"),
                    text(node.get("file"), path + ".file"),
                    integer(node.get("line"), path + ".line"),
                    offset(node.get("module_offset"), path + ".module_offset"),
                    offset(node.get("offset"), path + ".offset"),
                    text(node.get("trust"), path + ".trust"),
                    inlines,
                    unloadedModules(node.get("unloaded_modules"), path + ".unloaded_modules"));
        }

        List<UnloadedModule> unloadedModules(JsonNode node, String path) {
            if (isAbsent(node)) {
                return List.of();
            }
            if (!node.isArray()) {
                return wrong(path, "an array of unloaded modules", List.of());
            }
            List<UnloadedModule> modules = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode module = node.get(i);
                String modulePath = path + "[" + i + "]";
                if (module == null || !module.isObject()) {
                    wrong(modulePath, "an unloaded module object", null);
                    continue;
                }
                List<String> offsets = new ArrayList<>();
                JsonNode list = module.get("offsets");
                if (!isAbsent(list)) {
                    if (!list.isArray()) {
                        wrong(modulePath + ".offsets", "an array of offsets", null);
                    } else {
                        for (int j = 0; j < list.size(); j++) {
                            String offset = offset(list.get(j), modulePath + ".offsets[" + j + "]");
                            if (offset != null) {
                                offsets.add(offset);
                            }
                        }
                    }
                }
                modules.add(new UnloadedModule(text(module.get("module"), modulePath + ".module"), offsets));
            }
            return modules;
        }

        String text(JsonNode node, String path) {
            if (isAbsent(node)) {
                return null;
            }
            if (node.isTextual() || node.isNumber() || node.isBoolean()) {
                return node.asText();
            }
            return wrong(path, "a string", null);
        }

        /** Offsets are hex strings; a JSON number is taken as the value and rendered in hex. */
        String offset(JsonNode node, String path) {
            if (isAbsent(node)) {
                return null;
            }
            if (node.isTextual()) {
                return node.asText();
            }
            if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
                return "0x" + Long.toHexString(node.asLong());
            }
            return wrong(path, "a hex string such as \"0x1a2b\"", null);
        }

        Integer integer(JsonNode node, String path) {
            if (isAbsent(node)) {
                return null;
            }
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                return node.asInt();
            }
            if (node.isTextual()) {
                String text = node.asText().strip();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    return Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    return wrong(path, "an integer", null);
                }
            }
            return wrong(path, "an integer", null);
        }

        private static boolean isAbsent(JsonNode node) {
            return node == null || node.isNull() || node.isMissingNode();
        }

        private <T> T wrong(String path, String expected, T lenientValue) {
            if (strict) {
                throw new InvalidCrashDataException(path + ": expected " + expected);
            }
            return lenientValue;
        }
    }
}
