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
        return build(state, maxBytes, notes, JsonBuilder.plain());
    }

    /** The same document as {@link #toMap(ProcessState, long, List)}, built with {@code b}. */
    public static <O, A> O build(ProcessState state, long maxBytes, List<String> notes, JsonBuilder<O, A> b) {
        OutputBudget out = new OutputBudget(maxBytes);
        boolean wide = state.systemInfo() == null || state.systemInfo().cpu().pointerSize() == 8;
        Hex hex = new Hex(wide);
        O root = b.sortedObject();
        b.put(root, "status", "OK");

        O sys = b.sortedObject();
        b.put(sys, "os", state.systemInfo() == null ? null : SystemText.osName(state));
        b.put(sys, "os_ver", SystemText.rustOsVersion(state));
        b.put(sys, "cpu_arch", state.systemInfo() == null ? "unknown" : SystemText.cpuName(state));
        String cpuInfo = SystemText.cpuInfo(state);
        b.put(sys, "cpu_info", cpuInfo.isEmpty() ? null : cpuInfo);
        b.put(sys, "cpu_count", state.cpuCount());
        b.put(sys, "cpu_microcode_version", null);
        b.put(root, "system_info", sys);

        O crash = b.sortedObject();
        b.put(crash, "type", state.crashed() ? jsonCrashType(state.crashReason()) : null);
        b.put(crash, "address", state.crashed() ? hex.of(state.crashAddress()) : null);
        b.put(crash, "adjusted_address", null);
        b.put(crash, "instruction", null);
        b.put(crash, "instruction_pointer_update", null);
        b.put(crash, "memory_accesses", null);
        b.put(crash, "possible_bit_flips", null);
        b.put(crash, "crash_inconsistencies", b.array(0));
        b.put(crash, "crashing_thread", state.requestingThread() >= 0 ? state.requestingThread() : null);
        b.put(crash, "assertion", state.extras().assertion());
        b.put(root, "crash_info", crash);

        Map<String, String> lsb = state.extras().lsbRelease();
        if (lsb != null) {
            O l = b.sortedObject();
            for (String k : new String[] {"id", "release", "codename", "description"}) b.put(l, k, lsb.getOrDefault(k, ""));
            b.put(root, "lsb_release", l);
        } else {
            b.put(root, "lsb_release", null);
        }
        List<Map<String, Object>> mac = state.extras().macCrashInfo();
        if (mac != null) {
            O m = b.sortedObject();
            b.put(m, "num_records", mac.size());
            b.put(m, "records", mac);
            b.put(root, "mac_crash_info", m);
        } else {
            b.put(root, "mac_crash_info", null);
        }
        b.put(root, "mac_boot_args", state.extras().macBootArgs());
        b.put(root, "handles", null);
        b.put(root, "proc_limits", null);
        b.put(root, "soft_errors", state.extras().softErrors());
        b.put(root, "linux_memory_map_count", state.extras().linuxMemoryMapCount());
        b.put(root, "main_module", 0);
        b.put(root, "modules_contains_cert_info", false);
        b.put(root, "pid", state.extras().pid());
        b.put(root, "process_uptime", state.processUptime());

        List<MinidumpModule> loaded = state.modules().modules();
        A modules = b.array(loaded.size());
        for (MinidumpModule m : loaded) {
            // Keys in alphabetical order, as serde_json writes them.
            O j = b.object();
            FrameSymbolizer.Status s = state.symbols().status(m);
            b.put(j, "base_addr", hex.of(m.baseAddress()));
            b.put(j, "cert_subject", null);
            b.put(j, "code_id", m.codeId() == null ? "" : m.codeId().toLowerCase(Locale.ROOT));
            b.put(j, "corrupt_symbols", s == FrameSymbolizer.Status.CORRUPT);
            b.put(j, "debug_file", BreakpadView.basename(m.debugFile()));
            b.put(j, "debug_id", m.debugId() == null ? "" : m.debugId());
            b.put(j, "end_addr", hex.of(m.baseAddress() + m.size()));
            b.put(j, "filename", BreakpadView.basename(m.codeFile()));
            b.put(j, "loaded_symbols", s == FrameSymbolizer.Status.LOADED);
            b.put(j, "missing_symbols", s == FrameSymbolizer.Status.MISSING || s == FrameSymbolizer.Status.CORRUPT);
            b.put(j, "symbol_url", null);
            b.put(j, "version", m.version() == null || m.version().isEmpty() ? null : m.version());
            b.add(modules, j);
            out.used += MODULE_BYTES + length(m.codeFile()) + length(m.debugFile()) + length(m.codeId());
        }
        b.put(root, "modules", modules);

        List<MinidumpModule> gone = state.extras().unloadedModules();
        A unloaded = b.array(gone.size());
        for (MinidumpModule m : gone) {
            O j = b.sortedObject();
            b.put(j, "base_addr", hex.of(m.baseAddress()));
            b.put(j, "end_addr", hex.of(m.baseAddress() + m.size()));
            b.put(j, "filename", m.codeFile());
            b.put(j, "code_id", m.codeId() == null ? "" : m.codeId().toLowerCase(Locale.ROOT));
            b.put(j, "cert_subject", null);
            b.add(unloaded, j);
        }
        b.put(root, "unloaded_modules", unloaded);

        out.used += (long) gone.size() * MODULE_BYTES;
        CallStack crashing = state.crashingThread();
        if (crashing != null && !crashing.frames().isEmpty()) {
            O copy = thread(crashing, hex, true, gone, out, b);
            b.put(copy, "threads_index", state.requestingThread());
            b.put(root, "crashing_thread", copy);
        }

        A threads = b.array(state.threads().size());
        for (CallStack t : state.threads()) b.add(threads, thread(t, hex, false, gone, out, b));
        b.put(root, "thread_count", state.threads().size());
        b.put(root, "threads", threads);
        if (out.threadsCut > 0) {
            notes.add("output budget of " + maxBytes + " bytes exhausted; frames of " + out.threadsCut
                    + " threads left out of the JSON");
        }

        if (state.extras().crashpadAnnotations() != null || state.extras().moduleAnnotations() != null) {
            O cp = b.sortedObject();
            b.put(cp, "simple_annotations", state.extras().crashpadAnnotations() == null ? Map.of()
                    : new TreeMap<>(state.extras().crashpadAnnotations()));
            b.put(cp, "module_annotations", state.extras().moduleAnnotations() == null ? Map.of()
                    : new TreeMap<>(state.extras().moduleAnnotations()));
            b.put(root, "crashpad_annotations", cp);
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
    private static <O, A> O thread(CallStack t, Hex hex, boolean withRegisters, List<MinidumpModule> gone,
                                   OutputBudget out, JsonBuilder<O, A> b) {
        O j = b.object();
        A frames = b.array(Math.min(t.frames().size(), 1024));
        out.used += THREAD_BYTES + length(t.threadName());
        int index = 0;
        for (StackFrame f : t.frames()) {
            long size = estimate(f, withRegisters && index == 0);
            if (out.used + size > out.max) {
                out.threadsCut++;
                break;
            }
            out.used += size;
            b.add(frames, frame(f, index, hex, withRegisters && index == 0, gone, b));
            index++;
        }
        b.put(j, "frame_count", index);
        b.put(j, "frames", frames);
        b.put(j, "last_error_value", null);
        b.put(j, "thread_id", t.threadId());
        b.put(j, "thread_name", t.threadName());
        return j;
    }

    private static <O, A> O frame(StackFrame f, int index, Hex hex, boolean withRegisters, List<MinidumpModule> gone,
                                  JsonBuilder<O, A> b) {
        O j = b.object();
        MinidumpModule m = f.module();
        b.put(j, "file", f.sourceFile());
        b.put(j, "frame", index);
        b.put(j, "function", f.functionName());
        b.put(j, "function_offset", f.functionName() != null && f.hasFunctionBase() ? hex.of(f.instruction() - f.functionBase()) : null);
        if (f.inlines().isEmpty()) {
            b.put(j, "inlines", null);
        } else {
            A inl = b.array(f.inlines().size());
            for (InlineFrame in : f.inlines()) {
                O i = b.object();
                b.put(i, "file", in.file());
                b.put(i, "function", in.function());
                b.put(i, "line", in.file() == null ? null : in.line());
                b.add(inl, i);
            }
            b.put(j, "inlines", inl);
        }
        b.put(j, "line", f.hasLine() && f.sourceFile() != null ? (Object) f.sourceLine() : null);
        b.put(j, "missing_symbols", f.functionName() == null);
        b.put(j, "module", m == null ? null : BreakpadView.basename(m.codeFile()));
        b.put(j, "module_offset", m == null ? null : hex.of(f.instruction() - m.baseAddress()));
        b.put(j, "offset", hex.of(f.instruction()));
        if (withRegisters) b.put(j, "registers", registers(f.registers(), hex, b));
        b.put(j, "trust", f.trust() == FrameTrust.LEAF ? FrameTrust.SCAN.jsonName() : f.trust().jsonName());
        b.put(j, "unloaded_modules", m == null ? unloadedAt(f.instruction(), gone, hex, b) : null);
        return j;
    }

    /**
     * For a frame outside every loaded module: the unloaded modules that covered its address, by name,
     * with the offset into each copy (a library can be loaded and unloaded several times).
     */
    private static <O, A> A unloadedAt(long address, List<MinidumpModule> gone, Hex hex, JsonBuilder<O, A> b) {
        TreeMap<String, java.util.TreeSet<Long>> byName = new TreeMap<>();
        for (MinidumpModule u : gone) {
            if (u.contains(address)) {
                byName.computeIfAbsent(u.codeFile() == null ? "" : u.codeFile(), k -> new java.util.TreeSet<>(Long::compareUnsigned))
                        .add(address - u.baseAddress());
            }
        }
        if (byName.isEmpty()) return null;
        A out = b.array(byName.size());
        byName.forEach((name, offsets) -> {
            O e = b.object();
            b.put(e, "module", name);
            A o = b.array(offsets.size());
            for (long off : offsets) b.add(o, hex.of(off));
            b.put(e, "offsets", o);
            b.add(out, e);
        });
        return out;
    }

    private static <O, A> O registers(RegisterSet regs, Hex hex, JsonBuilder<O, A> b) {
        O j = b.sortedObject();
        for (int i = 0; i < regs.cpu().count(); i++) {
            if (!regs.isValid(i)) continue;
            String name = regs.cpu().name(i);
            if (name.equals("efl")) name = "eflags";
            b.put(j, name, hex.of(regs.get(i)));
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
