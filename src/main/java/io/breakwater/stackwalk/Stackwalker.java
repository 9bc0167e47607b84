package io.breakwater.stackwalk;

import io.breakwater.minidump.CpuContext;
import io.breakwater.minidump.MemoryRegion;
import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.MinidumpException;
import io.breakwater.minidump.MinidumpThread;
import io.breakwater.minidump.SystemInfo;
import io.breakwater.symbols.SymbolSupplier;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks every thread of a minidump and symbolicates the frames. Stateless and thread-safe; the symbol
 * supplier decides what is cached across dumps.
 */
public final class Stackwalker {

    /** Limits that keep hostile or broken dumps from running long. */
    public record Options(int maxFramesPerThread, int maxScannedFrames) {
        /**
         * Breakpad allows 2^20 frames and 2^14 scanned frames. 65536 physical frames keeps deep
         * recursions (the corpus has a 2049-frame walk) while bounding work per thread.
         */
        public static final Options DEFAULT = new Options(1 << 16, 1 << 14);
    }

    private final SymbolSupplier supplier;
    private final Options options;

    public Stackwalker(SymbolSupplier supplier) { this(supplier, Options.DEFAULT); }

    public Stackwalker(SymbolSupplier supplier, Options options) {
        this.supplier = supplier;
        this.options = options;
    }

    public ProcessState process(Minidump dump) {
        return process(MinidumpAdapter.contents(dump));
    }

    public ProcessState process(DumpContents dump) {
        List<String> notes = new ArrayList<>();
        SystemInfo sys = dump.systemInfo();
        ModuleMap modules = new ModuleMap(dump.modules());
        FrameSymbolizer symbolizer = new FrameSymbolizer(supplier, modules);

        MinidumpException exception = dump.exception();
        boolean crashed = exception != null;
        String reason = "";
        long address = 0;
        List<Long> parameters = new ArrayList<>();
        Long requestingId = dump.requestingThreadId();
        if (crashed) {
            requestingId = exception.threadId();
            CrashReason.Decoded d = CrashReason.decode(sys == null ? -1 : sys.platformId(),
                    sys == null ? -1 : sys.processorArchitecture(), exception.code(), exception.flags(),
                    exception.address(), exception.parameters());
            reason = d.reason();
            if (exception.parameters() != null) for (long p : exception.parameters()) parameters.add(p);
            address = d.address();
        }

        List<CallStack> threads = new ArrayList<>();
        int requesting = -1;
        for (MinidumpThread thread : dump.threads()) {
            String name = dump.threadNames().get(thread.threadId());
            if (dump.dumpThreadId() != null && thread.threadId() == dump.dumpThreadId()) {
                threads.add(new CallStack(thread.threadId(), name, List.of(), CallStack.Status.DUMP_THREAD_SKIPPED, false));
                continue;
            }
            CpuContext context = thread.context();
            if (requestingId != null && thread.threadId() == requestingId) {
                if (requesting >= 0) {
                    notes.add("more than one thread has the requesting thread id " + Long.toUnsignedString(requestingId));
                } else {
                    requesting = threads.size();
                    if (crashed && exception.context() != null) context = exception.context();
                }
            }
            threads.add(walk(thread, name, context, sys, dump, symbolizer, notes));
        }
        if (requestingId != null && requesting < 0) {
            notes.add("requesting thread " + Long.toUnsignedString(requestingId) + " is not in the thread list");
        }

        String os = sys == null ? "" : nullToEmpty(sys.os());
        String osVersion = sys == null ? "" : nullToEmpty(sys.osVersion());
        String cpu = sys == null ? "" : sys.cpu().breakpadName();
        String cpuInfo = sys == null ? "" : nullToEmpty(sys.cpuInfo());
        int cpuCount = sys == null ? 0 : sys.processorCount();
        return new ProcessState(sys, os, osVersion, cpu, cpuInfo, cpuCount, crashed, reason, address, List.copyOf(parameters), requesting,
                threads, modules, symbolizer, dump.extras(), notes);
    }

    private CallStack walk(MinidumpThread thread, String name, CpuContext context, SystemInfo sys,
                           DumpContents dump, FrameSymbolizer symbolizer, List<String> notes) {
        if (context == null) {
            return new CallStack(thread.threadId(), name, List.of(), CallStack.Status.MISSING_CONTEXT, false);
        }
        CpuRegisters regs = CpuRegisters.forCpu(context.cpu());
        if (regs == null) {
            return new CallStack(thread.threadId(), name, List.of(), CallStack.Status.UNSUPPORTED_CPU, false);
        }
        MemoryRegion region = thread.stack();
        if (region == null && dump.memory() != null && context.has(context.spName())) {
            region = dump.memory().regionAt(context.sp());
        }
        if (region != null && regs.wordSize() == 4
                && Long.compareUnsigned(region.baseAddress() + region.size() - 1, 0xFFFF_FFFFL) > 0) {
            region = null; // a 32-bit stack cannot live above 4 GiB
        }
        StackMemory memory = region == null ? null : new StackMemory(region, regs.wordSize());
        Unwinder unwinder = Unwinder.forCpu(regs, memory, symbolizer, sys);

        List<StackFrame> frames = new ArrayList<>();
        int scanned = 0;
        boolean truncated = false;
        try {
            StackFrame frame = unwinder.contextFrame(context);
            while (frame != null) {
                symbolizer.fill(frame);
                if (frame.trust.isScanned()) scanned++;
                frames.add(frame);
                if (frames.size() >= options.maxFramesPerThread()) {
                    truncated = true;
                    break;
                }
                frame = unwinder.callerFrame(frames, scanned < options.maxScannedFrames());
            }
        } catch (RuntimeException e) {
            // A defect in symbol data or an unwinder must cost this thread's tail, not the dump.
            truncated = true;
            notes.add("thread " + Long.toUnsignedString(thread.threadId()) + ": walk stopped after " + frames.size()
                    + " frames: " + e);
        }
        return new CallStack(thread.threadId(), name, List.copyOf(frames), CallStack.Status.OK, truncated);
    }

    private static String nullToEmpty(String s) { return s == null ? "" : s; }
}
