package io.breakwater.access;

import io.breakwater.search.FieldDefinition;
import io.breakwater.search.FieldRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one field-level policy for crash data, used by every API resource and every page: what a caller
 * without {@link Permission#VIEW_PII} may see of a processed crash and a raw crash. Callers holding it get
 * everything, and each such read is written to the {@link AuditLog}.
 *
 * <p>Processed crash (deny rules, so that new public fields show up without a change here):
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
 * <p>Raw crash (allow rules, because annotations are open-ended; unknown ones are protected, as in
 * Socorro): an annotation is public when a public registry field reads it ({@code raw_crash.<name>}
 * source) or it is in {@link #GENERIC_PUBLIC_ANNOTATIONS}, and no protected registry field reads it.
 */
@ApplicationScoped
public class CrashDataPolicy {

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
    static final String RAW_METADATA = "metadata";

    /** A report page's data as one caller may see it. {@code hiddenAnnotations}: how many were left out. */
    public record ReportData(Map<String, Object> processed, Map<String, Object> raw, boolean protectedVisible,
                             int hiddenAnnotations) {
    }

    private final Set<String> protectedProcessedPaths;
    private final Set<String> publicAnnotations;
    private final AuditLog audit;

    @Inject
    public CrashDataPolicy(FieldRegistry registry, AuditLog audit) {
        this.audit = audit;
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

    /** Annotation names everyone may see; every other annotation is protected. */
    public Set<String> publicAnnotations() {
        return publicAnnotations;
    }

    public boolean isPublicAnnotation(String name) {
        return publicAnnotations.contains(name);
    }

    /** Top-level keys or dotted paths dropped from the processed crash (besides the stack-walk rules). */
    public Set<String> protectedProcessedPaths() {
        return protectedProcessedPaths;
    }

    public boolean mayViewProtected(Caller caller) {
        return caller.has(Permission.VIEW_PII);
    }

    public boolean mayDownloadDumps(Caller caller) {
        return caller.has(Permission.VIEW_RAWDUMP);
    }

    /** The processed crash as {@code caller} may see it; the argument is not changed. */
    public Map<String, Object> processedCrash(Caller caller, String crashId, Map<String, Object> processed) {
        if (mayViewProtected(caller)) {
            audit.record(caller, AuditLog.VIEW_PROCESSED, crashId, "");
            return processed;
        }
        return publicProcessedCrash(processed);
    }

    /** The raw crash (annotations) as {@code caller} may see it; the argument is not changed. */
    public Map<String, Object> rawCrash(Caller caller, String crashId, Map<String, Object> raw) {
        if (mayViewProtected(caller)) {
            audit.record(caller, AuditLog.VIEW_RAW, crashId, "");
            return raw;
        }
        return publicRawCrash(raw);
    }

    /** Both halves of a report page, audited once. */
    public ReportData report(Caller caller, String crashId, Map<String, Object> processed, Map<String, Object> raw) {
        if (mayViewProtected(caller)) {
            audit.record(caller, AuditLog.VIEW_REPORT, crashId, "");
            return new ReportData(processed, raw, true, 0);
        }
        Map<String, Object> publicRaw = publicRawCrash(raw);
        int hidden = (int) raw.keySet().stream().filter(k -> !publicRaw.containsKey(k)).count();
        return new ReportData(publicProcessedCrash(processed), publicRaw, false, hidden);
    }

    /** Call when a dump is about to be sent to a caller who {@link #mayDownloadDumps may}. */
    public void recordDumpDownload(Caller caller, String crashId, String dumpName) {
        audit.record(caller, AuditLog.DOWNLOAD_DUMP, crashId, dumpName);
    }

    /** The public part of a processed crash (a copy). */
    public Map<String, Object> publicProcessedCrash(Map<String, Object> processed) {
        Map<String, Object> copy = deepCopy(processed);
        for (String path : protectedProcessedPaths) {
            removePath(copy, path);
        }
        if (copy.get(COLLECTOR_METADATA) instanceof Map<?, ?> metadata) {
            metadata.keySet().retainAll(PUBLIC_COLLECTOR_METADATA);
        }
        for (Map.Entry<String, Object> e : copy.entrySet()) {
            if (e.getKey().equals(STACKWALK_KEY)) {
                stripStackwalk(e.getValue());
            } else if (e.getValue() instanceof Map<?, ?> extraDump && extraDump.containsKey(STACKWALK_KEY)) {
                stripStackwalk(extraDump.get(STACKWALK_KEY));
            }
        }
        return copy;
    }

    /** The public annotations of a raw crash, in their original order. */
    public Map<String, Object> publicRawCrash(Map<String, Object> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!publicAnnotations.contains(e.getKey())) continue;
            Object value = e.getValue();
            if (e.getKey().equals(RAW_METADATA) && value instanceof Map<?, ?> metadata) {
                Map<Object, Object> kept = new LinkedHashMap<>(metadata);
                kept.keySet().retainAll(PUBLIC_COLLECTOR_METADATA);
                value = kept;
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static void removePath(Map<String, Object> root, String dottedPath) {
        String[] parts = dottedPath.split("\\.");
        Object node = root;
        for (int i = 0; i < parts.length - 1 && node instanceof Map<?, ?> m; i++) {
            node = m.get(parts[i]);
        }
        if (node instanceof Map<?, ?> parent) {
            parent.remove(parts[parts.length - 1]);
        }
    }

    /** Removes protected keys at any depth; depth is bounded by the JSON parser's nesting limit. */
    private static void stripStackwalk(Object node) {
        if (node instanceof Map<?, ?> map) {
            map.keySet().removeAll(PROTECTED_STACKWALK_KEYS);
            map.values().forEach(CrashDataPolicy::stripStackwalk);
        } else if (node instanceof List<?> list) {
            list.forEach(CrashDataPolicy::stripStackwalk);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(16, map.size() * 2));
        map.forEach((k, v) -> out.put(k, copyValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(copyValue(v)));
            return out;
        }
        return value;
    }
}
