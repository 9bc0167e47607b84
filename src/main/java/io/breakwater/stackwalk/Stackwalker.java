package io.breakwater.stackwalk;

import io.breakwater.minidump.CpuContext;
import io.breakwater.minidump.MemoryRegion;
import io.breakwater.minidump.Minidump;
import io.breakwater.minidump.MinidumpException;
import io.breakwater.minidump.MinidumpThread;
import io.breakwater.minidump.SystemInfo;
import io.breakwater.symbols.SymbolSupplier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Walks every thread of a minidump and symbolicates the frames. Stateless and thread-safe; the symbol
 * supplier decides what is cached across dumps.
 *
 * <p>Work per dump is bounded by {@link Budgets}: a budget that runs out ends in a partial result with a
 * note saying so ({@link ProcessState#partial()}), never an exception. Only cancellation throws
 * ({@link WalkCancelledException}). Threads that point at the same stack with the same registers are walked
 * once and share the frames.
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

    /**
     * Limits on one dump's walk, shared by all its threads (the per-thread limits are {@link Options}).
     *
     * @param maxFrames          frames kept across all threads; threads after it runs out are listed unwalked
     * @param maxScanWords       stack words read while scanning for return addresses; then scanning stops
     * @param maxCfiEvaluations  CFI and STACK WIN programs evaluated; then those unwind methods are skipped
     * @param maxOtherThreads    threads walked besides the crashing one (in dump order); the rest are listed
     * @param maxJsonBytes       size cap of the JSON output, applied by the JSON writer
     * @param timeLimit          wall time after which the walk is cancelled, or null for none
     * @param cancelled          polled in the unwinder loops; true cancels the walk
     */
    public record Budgets(int maxFrames, long maxScanWords, long maxCfiEvaluations, int maxOtherThreads,
                          long maxJsonBytes, Duration timeLimit, BooleanSupplier cancelled) {

        /** An interrupt of the walking thread cancels the walk. */
        public static final BooleanSupplier ON_INTERRUPT = () -> Thread.currentThread().isInterrupted();

        /**
         * Real dumps stay far below these (the corpus's largest walk is a few thousand frames over ~200
         * threads); hostile ones that repeat a deep stack over thousands of threads stop in well under a second.
         */
        public static final Budgets DEFAULT = new Budgets(100_000, 4_000_000, 1_000_000, 1_000, 64L << 20, null,
                ON_INTERRUPT);

        /** No limits and no cancellation, for tools and tests that walk trusted input. */
        public static final Budgets UNLIMITED = new Budgets(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                Integer.MAX_VALUE, Long.MAX_VALUE, null, () -> false);

        public Budgets {
            if (maxFrames < 1 || maxScanWords < 0 || maxCfiEvaluations < 0 || maxOtherThreads < 0 || maxJsonBytes < 1) {
                throw new IllegalArgumentException("budgets must be positive");
            }
            if (cancelled == null) cancelled = () -> false;
        }

        public Budgets withTimeLimit(Duration limit) {
            return new Budgets(maxFrames, maxScanWords, maxCfiEvaluations, maxOtherThreads, maxJsonBytes, limit, cancelled);
        }

        public Budgets withCancellation(BooleanSupplier check) {
            return new Budgets(maxFrames, maxScanWords, maxCfiEvaluations, maxOtherThreads, maxJsonBytes, timeLimit, check);
        }
    }

    private final SymbolSupplier supplier;
    private final Options options;
    private final Budgets budgets;

    public Stackwalker(SymbolSupplier supplier) { this(supplier, Options.DEFAULT, Budgets.DEFAULT); }

    public Stackwalker(SymbolSupplier supplier, Options options) { this(supplier, options, Budgets.DEFAULT); }

    public Stackwalker(SymbolSupplier supplier, Options options, Budgets budgets) {
        this.supplier = supplier;
        this.options = options;
        this.budgets = budgets;
    }

    public Budgets budgets() { return budgets; }

    public ProcessState process(Minidump dump) {
        return process(MinidumpAdapter.contents(dump));
    }

    /** What identifies a walk: the same stack bytes and registers always unwind to the same frames. */
    private record WalkKey(Object stack, long base, long size, Map<String, Long> registers) {}

    /** A finished walk, kept for threads with the same {@link WalkKey}. */
    private record Walked(List<StackFrame> frames, boolean truncated) {}

    public ProcessState process(DumpContents dump) {
        List<String> notes = new ArrayList<>();
        SystemInfo sys = dump.systemInfo();
        ModuleMap modules = new ModuleMap(dump.modules());
        FrameSymbolizer symbolizer = new FrameSymbolizer(supplier, modules);
        WalkBudget budget = new WalkBudget(budgets);
        budget.checkCancelled();

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

        List<MinidumpThread> list = dump.threads();
        int requesting = -1;
        for (int i = 0; i < list.size(); i++) {
            MinidumpThread thread = list.get(i);
            if (isDumpThread(dump, thread) || requestingId == null || thread.threadId() != requestingId) continue;
            if (requesting >= 0) {
                notes.add("more than one thread has the requesting thread id " + Long.toUnsignedString(requestingId));
                break;
            }
            requesting = i;
        }
        if (requestingId != null && requesting < 0) {
            notes.add("requesting thread " + Long.toUnsignedString(requestingId) + " is not in the thread list");
        }

        // The crashing thread is walked first, so no budget can starve the one stack a signature needs.
        CallStack[] stacks = new CallStack[list.size()];
        Map<WalkKey, Walked> walked = new HashMap<>();
        int otherThreadsWalked = 0, beyondThreadBudget = 0, beyondFrameBudget = 0;
        for (int n = -1; n < list.size(); n++) {
            int i = n < 0 ? requesting : n;
            if (i < 0 || (n >= 0 && i == requesting)) continue;
            budget.checkCancelled();
            MinidumpThread thread = list.get(i);
            String name = dump.threadNames().get(thread.threadId());
            if (isDumpThread(dump, thread)) {
                stacks[i] = new CallStack(thread.threadId(), name, List.of(), CallStack.Status.DUMP_THREAD_SKIPPED, false);
                continue;
            }
            if (i != requesting && otherThreadsWalked >= budgets.maxOtherThreads()) {
                stacks[i] = new CallStack(thread.threadId(), name, List.of(), CallStack.Status.NOT_WALKED, false);
                beyondThreadBudget++;
                continue;
            }
            if (budget.framesLeft() == 0) {
                budget.framesExhausted = true;
                stacks[i] = new CallStack(thread.threadId(), name, List.of(), CallStack.Status.NOT_WALKED, false);
                beyondFrameBudget++;
                continue;
            }
            CpuContext context = thread.context();
            if (i == requesting && crashed && exception.context() != null) context = exception.context();
            stacks[i] = walk(thread, name, context, sys, dump, symbolizer, notes, budget, walked);
            if (i != requesting && stacks[i].status() == CallStack.Status.OK) otherThreadsWalked++;
        }
        List<CallStack> threads = List.of(stacks);

        List<String> budgetNotes = new ArrayList<>();
        if (budget.framesExhausted) {
            budgetNotes.add("frame budget of " + budgets.maxFrames() + " exhausted; " + beyondFrameBudget + " threads not walked");
        }
        if (beyondThreadBudget > 0) {
            budgetNotes.add("thread budget reached: the crashing thread and " + budgets.maxOtherThreads()
                    + " others were walked; " + beyondThreadBudget + " threads listed without walking");
        }
        if (budget.scanExhausted) {
            budgetNotes.add("scan budget of " + budgets.maxScanWords()
                    + " stack words exhausted; later frames were found without stack scanning");
        }
        if (budget.cfiExhausted) {
            budgetNotes.add("CFI budget of " + budgets.maxCfiEvaluations()
                    + " evaluations exhausted; later frames were unwound without CFI");
        }
        notes.addAll(budgetNotes);

        String os = sys == null ? "" : nullToEmpty(sys.os());
        String osVersion = sys == null ? "" : nullToEmpty(sys.osVersion());
        String cpu = sys == null ? "" : sys.cpu().breakpadName();
        String cpuInfo = sys == null ? "" : nullToEmpty(sys.cpuInfo());
        int cpuCount = sys == null ? 0 : sys.processorCount();
        return new ProcessState(sys, os, osVersion, cpu, cpuInfo, cpuCount, crashed, reason, address, List.copyOf(parameters), requesting,
                threads, modules, symbolizer, dump.extras(), notes, List.copyOf(budgetNotes));
    }

    private static boolean isDumpThread(DumpContents dump, MinidumpThread thread) {
        return dump.dumpThreadId() != null && thread.threadId() == dump.dumpThreadId();
    }

    private CallStack walk(MinidumpThread thread, String name, CpuContext context, SystemInfo sys,
                           DumpContents dump, FrameSymbolizer symbolizer, List<String> notes, WalkBudget budget,
                           Map<WalkKey, Walked> walked) {
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

        WalkKey key = region == null ? new WalkKey(context.cpu(), 0, 0, context.registers())
                : new WalkKey(region.fileOffset() >= 0 ? (Object) region.fileOffset() : region,
                        region.baseAddress(), region.size(), context.registers());
        Walked earlier = walked.get(key);
        if (earlier != null) {
            // The frames are shared, not walked again; they still count against the frame budget.
            int take = Math.min(earlier.frames().size(), budget.framesLeft());
            budget.frames += take;
            boolean cut = take < earlier.frames().size();
            if (cut) budget.framesExhausted = true;
            return new CallStack(thread.threadId(), name, cut ? earlier.frames().subList(0, take) : earlier.frames(),
                    CallStack.Status.OK, earlier.truncated() || cut);
        }

        StackMemory memory = region == null ? null : new StackMemory(region, regs.wordSize());
        Unwinder unwinder = Unwinder.forCpu(regs, memory, symbolizer, sys);
        unwinder.budget = budget;

        List<StackFrame> frames = new ArrayList<>();
        int scanned = 0;
        boolean truncated = false;
        try {
            StackFrame frame = unwinder.contextFrame(context);
            while (frame != null) {
                budget.checkCancelled();
                if (!budget.takeFrame()) {
                    truncated = true;
                    break;
                }
                symbolizer.fill(frame);
                if (frame.trust.isScanned()) scanned++;
                frames.add(frame);
                if (frames.size() >= options.maxFramesPerThread()) {
                    truncated = true;
                    break;
                }
                frame = unwinder.callerFrame(frames, scanned < options.maxScannedFrames());
            }
        } catch (WalkCancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            // A defect in symbol data or an unwinder must cost this thread's tail, not the dump.
            truncated = true;
            notes.add("thread " + Long.toUnsignedString(thread.threadId()) + ": walk stopped after " + frames.size()
                    + " frames: " + e);
        }
        List<StackFrame> kept = List.copyOf(frames);
        walked.put(key, new Walked(kept, truncated));
        return new CallStack(thread.threadId(), name, kept, CallStack.Status.OK, truncated);
    }

    private static String nullToEmpty(String s) { return s == null ? "" : s; }
}
