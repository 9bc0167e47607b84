package io.breakwater.web;

import io.breakwater.access.CrashDataPolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the report page from what {@link CrashDataPolicy#report} let the viewer see: for viewers without
 * the protected-data permission the processed and raw crash arrive already redacted, so nothing here can
 * show more than the API would. Viewers with the permission get annotations split into public and
 * protected ones, as the policy classifies them.
 */
final class ReportBuilder {

    /** Frames rendered per thread; deeper frames are summarised. */
    static final int MAX_FRAMES = 400;
    /** Raw crash keys shown elsewhere on the page, not as annotations. */
    static final Set<String> BOOKKEEPING = Set.of("uuid", "submitted_timestamp", "metadata");

    private final CrashDataPolicy policy;
    private final boolean mayDownloadDumps;
    private final boolean mayDelete;

    ReportBuilder(CrashDataPolicy policy, boolean mayDownloadDumps) {
        this(policy, mayDownloadDumps, false);
    }

    ReportBuilder(CrashDataPolicy policy, boolean mayDownloadDumps, boolean mayDelete) {
        this.policy = policy;
        this.mayDownloadDumps = mayDownloadDumps;
        this.mayDelete = mayDelete;
    }

    Views.Report build(String crashId, CrashDataPolicy.ReportData data, boolean allThreads) {
        return build(crashId, data.processed(), data.raw(), data.protectedVisible(), data.hiddenAnnotations(),
                allThreads);
    }

    private Views.Report build(String crashId, Map<String, Object> p, Map<String, Object> raw,
                               boolean protectedVisible, int hiddenAnnotations, boolean allThreads) {
        String signature = str(p.get("signature"));
        Map<String, Object> dump = map(p.get("json_dump"));

        List<Views.Prop> details = new ArrayList<>();
        details.add(new Views.Prop("Signature", Text.bounded(signature), Links.signature(signature), "signature"));
        details.add(new Views.Prop("Crash ID", "bp-" + crashId, null, "mono"));
        add(details, "Submitted", Text.date(first(p, "submitted_timestamp", "date_processed").orElse(null)));
        add(details, "Processed", Text.date(p.get("completed_datetime")));
        add(details, "Crash time", Text.date(p.get("crash_time")));
        add(details, "Uptime", Text.duration(p.get("uptime")));
        add(details, "Install age", Text.duration(p.get("install_age")));
        add(details, "Time since last crash", Text.duration(p.get("last_crash")));
        add(details, "Product", Text.bounded(p.get("product")));
        add(details, "Release channel", Text.bounded(p.get("release_channel")));
        add(details, "Version", Text.bounded(p.get("version")));
        add(details, "Build ID", Text.bounded(p.get("build")));
        add(details, "OS", Text.bounded(joinNonEmpty(p.get("os_name"), p.get("os_pretty_version"))));
        add(details, "OS version", Text.bounded(p.get("os_version")));
        add(details, "CPU architecture", Text.bounded(p.get("cpu_arch")));
        add(details, "CPU info", Text.bounded(p.get("cpu_info")));
        add(details, "CPU count", Text.of(p.get("cpu_count")));
        add(details, "Process type", Text.bounded(p.get("process_type")));
        add(details, "Report type", Text.bounded(p.get("report_type")));
        add(details, "Crash reason", Text.bounded(p.get("reason")));
        add(details, "Crash address", Text.bounded(p.get("address")));
        add(details, "Crashing thread", Text.of(p.get("crashing_thread")));
        add(details, "Crashing thread name", Text.bounded(p.get("crashing_thread_name")));
        add(details, "Thread count", Text.of(p.get("thread_count")));
        add(details, "Startup crash", Text.of(first(p, "startup_crash").orElse(null)));
        add(details, "Abort message", Text.bounded(first(p, "abort_message").orElse(raw.get("AbortMessage"))));
        add(details, "App notes", Text.bounded(first(p, "app_notes").orElse(raw.get("Notes"))));
        add(details, "Processed successfully", Text.of(p.get("success")));
        if (protectedVisible) {
            add(details, "URL (protected)", Text.bounded(first(p, "url").orElse(raw.get("URL"))));
            add(details, "User comments (protected)", Text.bounded(first(p, "user_comments").orElse(raw.get("Comments"))));
            add(details, "Email (protected)", Text.bounded(first(p, "email").orElse(raw.get("Email"))));
        }

        List<Map<String, Object>> threads = list(dump.get("threads"));
        int crashing = crashingThread(p, dump);
        Views.ThreadView crashingView = crashing >= 0 && crashing < threads.size()
                ? thread(crashing, threads.get(crashing), true) : null;
        List<Views.ThreadView> others = new ArrayList<>();
        for (int i = 0; i < threads.size(); i++) {
            if (i != crashing) {
                others.add(thread(i, threads.get(i), false));
            }
        }

        Set<String> inStack = new HashSet<>();
        for (String m : str(p.get("modules_in_stack")).split(";")) {
            int slash = m.indexOf('/');
            inStack.add(slash > 0 ? m.substring(0, slash) : m);
        }
        List<Views.ModuleView> modules = new ArrayList<>();
        for (Map<String, Object> m : list(dump.get("modules"))) {
            modules.add(module(m, inStack));
        }
        List<Views.ModuleView> unloaded = new ArrayList<>();
        for (Map<String, Object> m : list(dump.get("unloaded_modules"))) {
            unloaded.add(module(m, Set.of()));
        }

        List<Views.Prop> pub = new ArrayList<>();
        List<Views.Prop> prot = new ArrayList<>();
        for (Map.Entry<String, Object> e : new TreeMap<>(raw).entrySet()) {
            if (BOOKKEEPING.contains(e.getKey())) {
                continue;
            }
            Views.Prop prop = new Views.Prop(Text.printable(e.getKey()), Text.bounded(e.getValue()), null, "value");
            (!protectedVisible || policy.isPublicAnnotation(e.getKey()) ? pub : prot).add(prop);
        }

        List<Views.HistoryRow> history = new ArrayList<>();
        for (Map<String, Object> h : list(p.get("processor_history"))) {
            history.add(new Views.HistoryRow(Text.date(h.get("started_datetime")), Text.date(h.get("completed_datetime")),
                    Text.of(h.get("success")), Text.bounded(h.get("signature")), Text.bounded(h.get("processor_notes"))));
        }

        List<Views.Prop> debug = new ArrayList<>();
        add(debug, "Stack walker", Text.bounded(p.get("stackwalk_version")));
        add(debug, "Stack walk status", Text.bounded(dump.get("status")));
        add(debug, "Minidump SHA-256", Text.bounded(p.get("minidump_sha256_hash")));
        add(debug, "Started processing", Text.date(p.get("started_datetime")));
        add(debug, "Completed processing", Text.date(p.get("completed_datetime")));
        add(debug, "Times processed", Integer.toString(1 + history.size()));
        add(debug, "Modules in stack", Text.bounded(p.get("modules_in_stack")));
        add(debug, "Missing symbols", Text.bounded(p.get("missing_symbols")));
        add(debug, "Proto signature", Text.bounded(p.get("proto_signature")));
        add(debug, "Signature generation", Text.bounded(p.get("signature_debug")));
        Map<String, Object> collector = map(p.get("collector_metadata"));
        add(debug, "Dump checksums", Text.bounded(collector.get("dump_checksums")));
        add(debug, "Payload", Text.bounded(joinNonEmpty(collector.get("payload"), collector.get("payload_size"))));
        if (protectedVisible) {
            add(debug, "Collector notes (protected)", Text.bounded(collector.get("collector_notes")));
            add(debug, "User agent (protected)", Text.bounded(collector.get("user_agent")));
        }

        return new Views.Report(crashId, Text.bounded(signature), Links.signature(signature), details,
                crashingView, others, allThreads, Links.report(crashId) + "?all_threads=1#all-threads",
                modules, unloaded, pub, protectedVisible ? prot : List.of(), protectedVisible ? 0 : hiddenAnnotations,
                protectedVisible, Text.bounded(p.get("processor_notes")), history, debug,
                "/api/ProcessedCrash?crash_id=" + Text.url(crashId), "/api/RawCrash?crash_id=" + Text.url(crashId),
                mayDownloadDumps ? "/api/RawCrash?crash_id=" + Text.url(crashId) + "&format=raw" : null,
                new Query().add("signature", "=" + signature).url("/search/"),
                mayDelete ? "/admin/crashes/" + Text.url(crashId) + "/delete" : null);
    }

    private static int crashingThread(Map<String, Object> p, Map<String, Object> dump) {
        Object value = p.get("crashing_thread");
        if (value == null) {
            value = map(dump.get("crash_info")).get("crashing_thread");
        }
        return value instanceof Number n ? n.intValue() : -1;
    }

    private Views.ThreadView thread(int index, Map<String, Object> t, boolean crashing) {
        List<Views.FrameRow> frames = new ArrayList<>();
        List<Map<String, Object>> raw = list(t.get("frames"));
        int shown = 0;
        for (Map<String, Object> f : raw) {
            if (shown++ >= MAX_FRAMES) {
                break;
            }
            String number = Text.of(f.get("frame"));
            String module = Text.bounded(f.get("module"));
            for (Map<String, Object> inline : list(f.get("inlines"))) {
                frames.add(new Views.FrameRow(number, module, Text.bounded(inline.get("function")),
                        source(inline), Text.bounded(inline.get("file")), "inlined", true, false));
            }
            String function = str(f.get("function"));
            if (function.isEmpty()) {
                Object moduleOffset = f.get("module_offset");
                function = module.isEmpty() ? Text.compactHex(str(f.get("offset")))
                        : str(f.get("module")) + (moduleOffset == null ? "" : " + " + Text.compactHex(str(moduleOffset)));
            } else if (f.get("function_offset") != null && str(f.get("file")).isEmpty()) {
                function = function + " + " + Text.compactHex(str(f.get("function_offset")));
            }
            frames.add(new Views.FrameRow(number, module, Text.bounded(function), source(f),
                    Text.bounded(f.get("file")), Text.bounded(f.get("trust")), false,
                    Boolean.TRUE.equals(f.get("missing_symbols"))));
        }
        int count = t.get("frame_count") instanceof Number n ? n.intValue() : raw.size();
        String note = raw.size() > MAX_FRAMES ? (raw.size() - MAX_FRAMES) + " more frames not shown." : null;
        return new Views.ThreadView(index, Text.bounded(t.get("thread_name")), crashing, count, frames, note);
    }

    private static String source(Map<String, Object> f) {
        String file = str(f.get("file"));
        if (file.isEmpty()) {
            return "";
        }
        Object line = f.get("line");
        return Text.bounded(line == null ? file : file + ":" + line);
    }

    private static Views.ModuleView module(Map<String, Object> m, Set<String> inStack) {
        String filename = str(m.get("filename"));
        return new Views.ModuleView(Text.bounded(filename), Text.bounded(m.get("version")),
                Text.bounded(m.get("debug_file")), Text.bounded(m.get("debug_id")), Text.bounded(m.get("code_id")),
                Text.compactHex(Text.bounded(m.get("base_addr"))), Text.compactHex(Text.bounded(m.get("end_addr"))),
                Boolean.TRUE.equals(m.get("missing_symbols")), inStack.contains(filename)
                        || inStack.contains(str(m.get("debug_file"))));
    }

    private static void add(List<Views.Prop> props, String name, String value) {
        if (value != null && !value.isEmpty()) {
            props.add(new Views.Prop(name, value));
        }
    }

    private static java.util.Optional<Object> first(Map<String, Object> p, String... keys) {
        for (String k : keys) {
            Object v = p.get(k);
            if (v != null && !(v instanceof String s && s.isEmpty())) {
                return java.util.Optional.of(v);
            }
        }
        return java.util.Optional.empty();
    }

    private static String joinNonEmpty(Object a, Object b) {
        String sa = a == null ? "" : String.valueOf(a);
        String sb = b == null ? "" : String.valueOf(b);
        if (sa.isEmpty()) {
            return sb;
        }
        return sb.isEmpty() || sb.equals(sa) ? sa : sa + " " + sb;
    }

    static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        if (!(o instanceof List<?> l)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : l) {
            if (e instanceof Map<?, ?> m) {
                out.add((Map<String, Object>) m);
            }
        }
        return out;
    }
}
