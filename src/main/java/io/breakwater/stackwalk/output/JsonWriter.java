package io.breakwater.stackwalk.output;

import io.breakwater.minidump.MinidumpModule;
import io.breakwater.stackwalk.CallStack;
import io.breakwater.stackwalk.FrameSymbolizer;
import io.breakwater.stackwalk.FrameTrust;
import io.breakwater.stackwalk.InlineFrame;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.RegisterSet;
import io.breakwater.stackwalk.StackFrame;
import io.breakwater.stackwalk.Stackwalker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * JSON in the schema of rust-minidump's {@code minidump-stackwalk --json} (Socorro's {@code json_dump}).
 * Keys are sorted as serde_json sorts them; addresses are hex strings padded to the pointer width.
 */
public final class JsonWriter {

    private static final Pattern UNKNOWN_SIGNAL_CODE = Pattern.compile("^(SIG[A-Z0-9]+) ?/ ?0x[0-9a-f]{8}$");

    private JsonWriter() {}

    public static String write(ProcessState state, boolean pretty) {
        return Json.write(toMap(state), pretty);
    }

    /** With the default output cap ({@link Stackwalker.Budgets#DEFAULT}); a cut is not reported. */
    public static Map<String, Object> toMap(ProcessState state) {
        return toMap(state, Stackwalker.Budgets.DEFAULT.maxJsonBytes(), new ArrayList<>());
    }

    /**
     * The JSON as maps and lists, at most about {@code maxBytes} when written compactly: once the estimate
     * reaches the cap, the remaining threads are listed without frames (the crashing thread's copy comes
     * first) and a note saying so is added to {@code notes}.
     */
    public static Map<String, Object> toMap(ProcessState state, long maxBytes, List<String> notes) {
        OutputBudget out = new OutputBudget(maxBytes);
        boolean wide = state.systemInfo() == null || state.systemInfo().cpu().pointerSize() == 8;
        Hex hex = new Hex(wide);
        Map<String, Object> root = new TreeMap<>();
        root.put("status", "OK");

        Map<String, Object> sys = new TreeMap<>();
        sys.put("os", state.systemInfo() == null ? null : SystemText.osName(state));
        sys.put("os_ver", SystemText.rustOsVersion(state));
        sys.put("cpu_arch", state.systemInfo() == null ? "unknown" : SystemText.cpuName(state));
        String cpuInfo = SystemText.cpuInfo(state);
        sys.put("cpu_info", cpuInfo.isEmpty() ? null : cpuInfo);
        sys.put("cpu_count", state.cpuCount());
        sys.put("cpu_microcode_version", null);
        root.put("system_info", sys);

        Map<String, Object> crash = new TreeMap<>();
        crash.put("type", state.crashed() ? jsonCrashType(state.crashReason()) : null);
        crash.put("address", state.crashed() ? hex.of(state.crashAddress()) : null);
        crash.put("adjusted_address", null);
        crash.put("instruction", null);
        crash.put("instruction_pointer_update", null);
        crash.put("memory_accesses", null);
        crash.put("possible_bit_flips", null);
        crash.put("crash_inconsistencies", List.of());
        crash.put("crashing_thread", state.requestingThread() >= 0 ? state.requestingThread() : null);
        crash.put("assertion", state.extras().assertion());
        root.put("crash_info", crash);

        Map<String, String> lsb = state.extras().lsbRelease();
        if (lsb != null) {
            Map<String, Object> l = new TreeMap<>();
            for (String k : new String[] {"id", "release", "codename", "description"}) l.put(k, lsb.getOrDefault(k, ""));
            root.put("lsb_release", l);
        } else {
            root.put("lsb_release", null);
        }
        List<Map<String, Object>> mac = state.extras().macCrashInfo();
        if (mac != null) {
            Map<String, Object> m = new TreeMap<>();
            m.put("num_records", mac.size());
            m.put("records", mac);
            root.put("mac_crash_info", m);
        } else {
            root.put("mac_crash_info", null);
        }
        root.put("mac_boot_args", state.extras().macBootArgs());
        root.put("handles", null);
        root.put("proc_limits", null);
        root.put("soft_errors", state.extras().softErrors());
        root.put("linux_memory_map_count", state.extras().linuxMemoryMapCount());
        root.put("main_module", 0);
        root.put("modules_contains_cert_info", false);
        root.put("pid", state.extras().pid());
        root.put("process_uptime", state.processUptime());

        List<Object> modules = new ArrayList<>();
        for (MinidumpModule m : state.modules().modules()) {
            // Keys in alphabetical order, as serde_json writes them.
            Map<String, Object> j = new LinkedHashMap<>();
            FrameSymbolizer.Status s = state.symbols().status(m);
            j.put("base_addr", hex.of(m.baseAddress()));
            j.put("cert_subject", null);
            j.put("code_id", m.codeId() == null ? "" : m.codeId().toLowerCase(Locale.ROOT));
            j.put("corrupt_symbols", s == FrameSymbolizer.Status.CORRUPT);
            j.put("debug_file", BreakpadView.basename(m.debugFile()));
            j.put("debug_id", m.debugId() == null ? "" : m.debugId());
            j.put("end_addr", hex.of(m.baseAddress() + m.size()));
            j.put("filename", BreakpadView.basename(m.codeFile()));
            j.put("loaded_symbols", s == FrameSymbolizer.Status.LOADED);
            j.put("missing_symbols", s == FrameSymbolizer.Status.MISSING || s == FrameSymbolizer.Status.CORRUPT);
            j.put("symbol_url", null);
            j.put("version", m.version() == null || m.version().isEmpty() ? null : m.version());
            modules.add(j);
            out.used += MODULE_BYTES + length(m.codeFile()) + length(m.debugFile()) + length(m.codeId());
        }
        root.put("modules", modules);

        List<Object> unloaded = new ArrayList<>();
        for (MinidumpModule m : state.extras().unloadedModules()) {
            Map<String, Object> j = new TreeMap<>();
            j.put("base_addr", hex.of(m.baseAddress()));
            j.put("end_addr", hex.of(m.baseAddress() + m.size()));
            j.put("filename", m.codeFile());
            j.put("code_id", m.codeId() == null ? "" : m.codeId().toLowerCase(java.util.Locale.ROOT));
            j.put("cert_subject", null);
            unloaded.add(j);
        }
        root.put("unloaded_modules", unloaded);

        List<MinidumpModule> gone = state.extras().unloadedModules();
        out.used += (long) gone.size() * MODULE_BYTES;
        CallStack crashing = state.crashingThread();
        if (crashing != null && !crashing.frames().isEmpty()) {
            Map<String, Object> copy = thread(crashing, hex, true, gone, out);
            copy.put("threads_index", state.requestingThread());
            root.put("crashing_thread", copy);
        }

        List<Object> threads = new ArrayList<>();
        for (CallStack t : state.threads()) threads.add(thread(t, hex, false, gone, out));
        root.put("thread_count", state.threads().size());
        root.put("threads", threads);
        if (out.threadsCut > 0) {
            notes.add("output budget of " + maxBytes + " bytes exhausted; frames of " + out.threadsCut
                    + " threads left out of the JSON");
        }

        if (state.extras().crashpadAnnotations() != null || state.extras().moduleAnnotations() != null) {
            Map<String, Object> cp = new TreeMap<>();
            cp.put("simple_annotations", state.extras().crashpadAnnotations() == null ? Map.of()
                    : new TreeMap<>(state.extras().crashpadAnnotations()));
            cp.put("module_annotations", state.extras().moduleAnnotations() == null ? Map.of()
                    : new TreeMap<>(state.extras().moduleAnnotations()));
            root.put("crashpad_annotations", cp);
        }
        return root;
    }

    /**
     * rust-minidump names a signal without the si_code when the code is unknown; Breakpad appends the
     * raw code ("SIGSEGV /0x00000000").
     */
    static String jsonCrashType(String breakpadReason) {
        var m = UNKNOWN_SIGNAL_CODE.matcher(breakpadReason);
        return m.matches() ? m.group(1) : breakpadReason;
    }

    /** Rough serialized sizes: keys, punctuation and hex strings of one entry, without its names. */
    private static final int MODULE_BYTES = 400, THREAD_BYTES = 120, FRAME_BYTES = 280, INLINE_BYTES = 60,
            REGISTER_BYTES = 32;

    /** The running size estimate of the output and what the cap cut. */
    private static final class OutputBudget {
        final long max;
        long used;
        int threadsCut;

        OutputBudget(long max) { this.max = max; }
    }

    private static int length(String s) { return s == null ? 0 : s.length(); }

    private static long estimate(StackFrame f, boolean withRegisters) {
        long n = FRAME_BYTES + length(f.functionName()) + length(f.sourceFile())
                + (f.module() == null ? 0 : length(f.module().codeFile()));
        for (InlineFrame in : f.inlines()) n += INLINE_BYTES + length(in.function()) + length(in.file());
        if (withRegisters) n += (long) REGISTER_BYTES * f.registers().cpu().count();
        return n;
    }

    /** A thread; the crashing thread's copy carries the context registers on its first frame. */
    private static Map<String, Object> thread(CallStack t, Hex hex, boolean withRegisters, List<MinidumpModule> gone,
                                              OutputBudget out) {
        Map<String, Object> j = new LinkedHashMap<>();
        List<Object> frames = new ArrayList<>(Math.min(t.frames().size(), 1024));
        out.used += THREAD_BYTES + length(t.threadName());
        int index = 0;
        for (StackFrame f : t.frames()) {
            long size = estimate(f, withRegisters && index == 0);
            if (out.used + size > out.max) {
                out.threadsCut++;
                break;
            }
            out.used += size;
            frames.add(frame(f, index, hex, withRegisters && index == 0, gone));
            index++;
        }
        j.put("frame_count", frames.size());
        j.put("frames", frames);
        j.put("last_error_value", null);
        j.put("thread_id", t.threadId());
        j.put("thread_name", t.threadName());
        return j;
    }

    private static Map<String, Object> frame(StackFrame f, int index, Hex hex, boolean withRegisters,
                                             List<MinidumpModule> gone) {
        Map<String, Object> j = new LinkedHashMap<>();
        MinidumpModule m = f.module();
        j.put("file", f.sourceFile());
        j.put("frame", index);
        j.put("function", f.functionName());
        j.put("function_offset", f.functionName() != null && f.hasFunctionBase() ? hex.of(f.instruction() - f.functionBase()) : null);
        if (f.inlines().isEmpty()) {
            j.put("inlines", null);
        } else {
            List<Object> inl = new ArrayList<>(f.inlines().size());
            for (InlineFrame in : f.inlines()) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("file", in.file());
                i.put("function", in.function());
                i.put("line", in.file() == null ? null : in.line());
                inl.add(i);
            }
            j.put("inlines", inl);
        }
        j.put("line", f.hasLine() && f.sourceFile() != null ? (Object) f.sourceLine() : null);
        j.put("missing_symbols", f.functionName() == null);
        j.put("module", m == null ? null : BreakpadView.basename(m.codeFile()));
        j.put("module_offset", m == null ? null : hex.of(f.instruction() - m.baseAddress()));
        j.put("offset", hex.of(f.instruction()));
        if (withRegisters) j.put("registers", registers(f.registers(), hex));
        j.put("trust", f.trust() == FrameTrust.LEAF ? FrameTrust.SCAN.jsonName() : f.trust().jsonName());
        j.put("unloaded_modules", m == null ? unloadedAt(f.instruction(), gone, hex) : null);
        return j;
    }

    /**
     * For a frame outside every loaded module: the unloaded modules that covered its address, by name,
     * with the offset into each copy (a library can be loaded and unloaded several times).
     */
    private static List<Object> unloadedAt(long address, List<MinidumpModule> gone, Hex hex) {
        TreeMap<String, java.util.TreeSet<Long>> byName = new TreeMap<>();
        for (MinidumpModule u : gone) {
            if (u.contains(address)) {
                byName.computeIfAbsent(u.codeFile() == null ? "" : u.codeFile(), k -> new java.util.TreeSet<>(Long::compareUnsigned))
                        .add(address - u.baseAddress());
            }
        }
        if (byName.isEmpty()) return null;
        List<Object> out = new ArrayList<>();
        byName.forEach((name, offsets) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("module", name);
            List<Object> o = new ArrayList<>();
            for (long off : offsets) o.add(hex.of(off));
            e.put("offsets", o);
            out.add(e);
        });
        return out;
    }

    private static Map<String, Object> registers(RegisterSet regs, Hex hex) {
        Map<String, Object> j = new TreeMap<>();
        for (int i = 0; i < regs.cpu().count(); i++) {
            if (!regs.isValid(i)) continue;
            String name = regs.cpu().name(i);
            if (name.equals("efl")) name = "eflags";
            j.put(name, hex.of(regs.get(i)));
        }
        return j;
    }

    /** Hex strings padded to the dump's pointer width, as rust-minidump prints addresses. */
    record Hex(boolean wide) {
        String of(long v) {
            return wide ? padded(v, 16) : padded(v & 0xFFFF_FFFFL, 8);
        }

        private static String padded(long v, int digits) {
            char[] out = new char[digits + 2];
            out[0] = '0';
            out[1] = 'x';
            for (int i = digits + 1; i >= 2; i--) {
                out[i] = Character.forDigit((int) (v & 0xF), 16);
                v >>>= 4;
            }
            // 64-bit values never exceed 16 digits; 32-bit ones were masked to 8.
            return new String(out);
        }
    }
}
