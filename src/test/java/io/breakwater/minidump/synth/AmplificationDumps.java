package io.breakwater.minidump.synth;

import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.StreamEntry;

/**
 * Small dumps built to amplify a walker's work (issue 13): many thread entries that share one deep stack
 * and one context, lying list counts. Used by the budget tests and as fuzz seeds.
 */
public final class AmplificationDumps {

    /** Where the shared stack lives and the module its return addresses point into. */
    public static final long STACK = 0x7ffd_0000_0000L, APP = 0x400000, APP_SIZE = 0x10000;
    /** The function every frame of {@link #cfiLoop} returns into: {@code [APP + 0x100, APP + 0x200)}. */
    public static final long LOOP_FUNCTION = 0x100;

    private AmplificationDumps() {}

    /**
     * {@code threads} thread entries pointing at one stack of {@code stackBytes} holding an rbp chain, so
     * each walk finds {@code stackBytes / 16} frames by frame pointers. Thread {@link #crashedThread} crashed.
     */
    public static byte[] manyThreadsOneFramePointerStack(int threads, int stackBytes) {
        Buf stack = new Buf();
        int frames = stackBytes / 16;
        for (int i = 0; i < frames; i++) {
            long next = i + 1 < frames ? STACK + 16L * (i + 1) : 0;
            stack.u64(next).u64(APP + 0x1000 + (i % 64) * 16L);
        }
        return manyThreads(threads, stack.toByteArray());
    }

    /**
     * {@code threads} thread entries on one stack filled with return addresses into the same function; with
     * the CFI rule {@code .cfa: $rsp 8 + .ra: .cfa -8 + ^} for it, every word of the stack is one more frame
     * of the same function (CFI that loops for as long as the stack lasts).
     */
    public static byte[] cfiLoop(int threads, int stackBytes) {
        Buf stack = new Buf();
        for (int i = 0; i < stackBytes / 8; i++) stack.u64(APP + LOOP_FUNCTION + 0x11);
        return manyThreads(threads, stack.toByteArray());
    }

    /** The CFI of {@link #cfiLoop}'s function, as a Breakpad symbol file. */
    public static String cfiLoopSymbols() {
        return "MODULE Linux x86_64 000102030405060708090A0B0C0D0E0F0 app\n"
                + "FUNC 100 100 0 loop\n"
                + "STACK CFI INIT 100 100 .cfa: $rsp 8 + .ra: .cfa -8 + ^\n";
    }

    private static byte[] manyThreads(int threads, byte[] stack) {
        SynthContext context = SynthContext.amd64().set("rip", APP + LOOP_FUNCTION + 0x10).set("rsp", STACK)
                .set("rbp", STACK);
        SynthMinidump dump = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .module(SynthModule.of(APP, APP_SIZE, "/bin/app").elfBuildId("000102030405060708090a0b0c0d0e0f10111213"));
        for (int i = 1; i <= threads; i++) dump.thread(i, context, STACK, stack);
        return dump.exception(crashedThread(threads), 0xb, 0x45, context).build();
    }

    /**
     * The id of the crashed thread: the last one, or the 1000th in larger dumps (the reader's own budget may
     * not list all of a huge thread list, and the crashing thread must be among those it does).
     */
    public static long crashedThread(int threads) {
        return Math.min(threads, 1_000);
    }

    /** A one-thread dump whose MemoryList claims 2^32-1 regions. */
    public static byte[] hugeMemoryListCount() {
        byte[] stack = new byte[256];
        return SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .thread(1, SynthContext.amd64().set("rip", APP + 0x10).set("rsp", STACK), STACK, stack)
                .memory(STACK + 0x10000, new byte[64])
                .listCount(StreamEntry.MEMORY_LIST, 0xffff_ffffL)
                .build();
    }

    /** A thread list that claims 2^32-1 threads over the entries of a small shared-stack dump. */
    public static byte[] hugeThreadListCount() {
        return SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .thread(1, SynthContext.amd64().set("rip", APP + 0x10).set("rsp", STACK), STACK, new byte[256])
                .listCount(StreamEntry.THREAD_LIST, 0xffff_ffffL)
                .build();
    }
}
