package io.breakwater.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.search.FieldDefinition;
import io.breakwater.search.FieldRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public part of a crash, for callers without the protected-data permission.
 *
 * <p>Processed crash (deny rules, so new public fields show up without a change here):
 * <ul>
 * <li>every field the registry marks protected is dropped, under its name and under each processed-crash
 *     path it is read from;</li>
 * <li>{@link #ALWAYS_PROTECTED} keys are dropped whatever the registry says: personal data the reporter
 *     typed or that identifies them, raw copies of sanitised fields, and embedded raw crashes;</li>
 * <li>{@code collector_metadata} keeps only {@link #PUBLIC_COLLECTOR_METADATA};</li>
 * <li>inside every stack-walk result ({@code json_dump} and {@code <dump>.json_dump}) the keys in
 *     {@link #PROTECTED_STACKWALK_KEYS} are dropped at any depth: register values can be heap pointers or
 *     data, and minidump annotations are free text the application wrote (URLs, paths, user names).</li>
 * </ul>
 *
 * <p>Raw crash (allow rules, because annotations are open-ended): an annotation is public when a public
 * registry field reads it ({@code raw_crash.<name>} source) or it is in {@link #GENERIC_PUBLIC_ANNOTATIONS},
 * and no protected registry field reads it. Everything else is left out.
 */
@ApplicationScoped
public class PublicCrashData {

    public static final Set<String> ALWAYS_PROTECTED = Set.of(
            "url", "user_comments", "email", "install_id", "raw_crash",
            "java_stack_trace_raw", "java_exception_raw", "moz_crash_reason_raw", "memory_report");

    public static final Set<String> PUBLIC_COLLECTOR_METADATA = Set.of(
            "dump_checksums", "payload", "payload_compressed", "payload_size", "throttle_rule", "throttle_result",
            "user_agent");

    public static final Set<String> PROTECTED_STACKWALK_KEYS = Set.of(
            "registers", "crashpad_annotations", "simple_annotations", "module_annotations", "mac_boot_args",
            "soft_errors");

    /**
     * Product, build and timing annotations of Socorro, Breakpad and Crashpad/Electron reporters, plus the
     * fields the collector adds ({@code metadata} is reduced like {@code collector_metadata}).
     */
    public static final Set<String> GENERIC_PUBLIC_ANNOTATIONS = Set.of(
            "ProductName", "ProductID", "Version", "BuildID", "ReleaseChannel", "Vendor", "ProcessType",
            "CrashTime", "StartupTime", "StartupCrash", "InstallTime", "UptimeTS", "SecondsSinceLastCrash",
            "_productName", "_version", "_companyName", "prod", "ver", "ptype", "process_type", "platform",
            "ptime", "uuid", "submitted_timestamp", "version", "metadata");

    static final String STACKWALK_KEY = "json_dump";
    static final String COLLECTOR_METADATA = "collector_metadata";

    private final Set<String> protectedProcessedPaths;
    private final Set<String> publicAnnotations;

    @Inject
    public PublicCrashData(FieldRegistry registry) {
        Set<String> paths = new HashSet<>(ALWAYS_PROTECTED);
        Set<String> publicRaw = new TreeSet<>(GENERIC_PUBLIC_ANNOTATIONS);
        Set<String> protectedRaw = new HashSet<>();
        for (FieldDefinition field : registry.all()) {
            for (String source : field.sources()) {
                boolean raw = source.startsWith(FieldDefinition.RAW_CRASH_PREFIX);
                String name = raw ? source.substring(FieldDefinition.RAW_CRASH_PREFIX.length()) : source;
                if (field.isProtected()) {
                    (raw ? protectedRaw : paths).add(name);
                } else if (raw && !name.contains(".")) {
                    publicRaw.add(name);
                }
            }
            if (field.isProtected()) paths.add(field.name());
        }
        publicRaw.removeAll(protectedRaw);
        this.protectedProcessedPaths = Collections.unmodifiableSet(paths);
        this.publicAnnotations = Collections.unmodifiableSet(publicRaw);
    }

    /** Annotation names anonymous callers may see. */
    public Set<String> publicAnnotations() {
        return publicAnnotations;
    }

    /** Top-level keys or dotted paths dropped from the processed crash (besides the stack-walk rules). */
    public Set<String> protectedProcessedPaths() {
        return protectedProcessedPaths;
    }

    /** A redacted copy; the argument is not changed. */
    public ObjectNode processedCrash(JsonNode processed) {
        ObjectNode copy = processed.isObject() ? ((ObjectNode) processed).deepCopy() : null;
        if (copy == null) throw new IllegalArgumentException("a processed crash is a JSON object");
        for (String path : protectedProcessedPaths) {
            removePath(copy, path);
        }
        JsonNode metadata = copy.get(COLLECTOR_METADATA);
        if (metadata instanceof ObjectNode m) {
            m.retain(PUBLIC_COLLECTOR_METADATA);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(STACKWALK_KEY)) {
                stripStackwalk(e.getValue());
            } else if (e.getValue() instanceof ObjectNode extraDump && extraDump.has(STACKWALK_KEY)) {
                stripStackwalk(extraDump.get(STACKWALK_KEY));
            }
        }
        return copy;
    }

    /** The public annotations of a raw crash, in their original order. */
    public Map<String, Object> rawCrash(Map<String, Object> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!publicAnnotations.contains(e.getKey())) continue;
            Object value = e.getValue();
            if (e.getKey().equals("metadata") && value instanceof Map<?, ?> metadata) {
                Map<Object, Object> kept = new LinkedHashMap<>(metadata);
                kept.keySet().retainAll(PUBLIC_COLLECTOR_METADATA);
                value = kept;
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static void removePath(ObjectNode root, String dottedPath) {
        String[] parts = dottedPath.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1 && node != null; i++) {
            node = node.get(parts[i]);
        }
        if (node instanceof ObjectNode parent) {
            parent.remove(parts[parts.length - 1]);
        }
    }

    /** Removes protected keys at any depth; depth is bounded by the JSON parser's nesting limit. */
    private static void stripStackwalk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(PROTECTED_STACKWALK_KEYS);
            object.forEach(PublicCrashData::stripStackwalk);
        } else if (node != null && node.isArray()) {
            node.forEach(PublicCrashData::stripStackwalk);
        }
    }
}
