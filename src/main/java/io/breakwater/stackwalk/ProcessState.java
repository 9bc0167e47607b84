package io.breakwater.stackwalk;

import io.breakwater.minidump.MinidumpModule;
import io.breakwater.minidump.SystemInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything learned from one dump: system, crash, every thread's stack and per-module symbol status.
 *
 * @param crashParameters  the exception record's parameter words (empty without exception)
 * @param requestingThread index into {@code threads} of the crashed (or dump-requesting) thread, or -1
 * @param budgetNotes      one note per walk budget that ran out (also in {@code notes}); empty for a whole walk
 */
public record ProcessState(SystemInfo systemInfo, String os, String osVersion, String cpu, String cpuInfo,
                           int cpuCount, boolean crashed, String crashReason, long crashAddress,
                           List<Long> crashParameters, int requestingThread, List<CallStack> threads, ModuleMap modules,
                           FrameSymbolizer symbols, DumpExtras extras, List<String> notes,
                           List<String> budgetNotes) {

    /** A budget ran out: some threads are cut short or listed without frames. */
    public boolean partial() { return !budgetNotes.isEmpty(); }

    /** The crashing (or requesting) thread's stack, or null. */
    public CallStack crashingThread() {
        return requestingThread >= 0 && requestingThread < threads.size() ? threads.get(requestingThread) : null;
    }

    /** Modules holding at least one frame of the crashing thread, in frame order. */
    public List<MinidumpModule> modulesInStack() {
        Set<MinidumpModule> seen = new LinkedHashSet<>();
        CallStack stack = crashingThread();
        if (stack != null) for (StackFrame f : stack.frames()) if (f.module() != null) seen.add(f.module());
        return new ArrayList<>(seen);
    }

    /** Modules met while walking whose symbols could not be found, in dump order. */
    public List<MinidumpModule> missingSymbols() {
        List<MinidumpModule> out = new ArrayList<>();
        for (MinidumpModule m : modules.modules()) {
            if (symbols.status(m) == FrameSymbolizer.Status.MISSING) out.add(m);
        }
        return out;
    }

    /** Seconds between process start and the dump, or null when unknown. */
    public Long processUptime() {
        Long now = extras.headerTime();
        Long start = extras.processCreateTime();
        if (now == null || start == null || now == 0 || start == 0 || now < start) return null;
        return now - start;
    }
}
