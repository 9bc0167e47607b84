package io.breakwater.stackwalk;

import static io.breakwater.stackwalk.Fixtures.context;
import static io.breakwater.stackwalk.Fixtures.module;
import static io.breakwater.stackwalk.Fixtures.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.MinidumpException;
import io.breakwater.minidump.MinidumpModule;
import io.breakwater.minidump.MinidumpThread;
import io.breakwater.stackwalk.output.HumanWriter;
import io.breakwater.stackwalk.output.JsonWriter;
import io.breakwater.stackwalk.output.MachineReadableWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Process-level behaviour and the three output formats on a small hand-made dump. */
class StackwalkerTest {

    static final long APP = 0x400000, STACK = 0x7ffe0000L;
    static final List<MinidumpModule> MODULES = List.of(module("app", APP, 0x10000), module("libz.so", 0x7f0000000000L, 0x1000));

    private final FakeSymbols app = new FakeSymbols()
            .func("crash_here", 0x1000, 0x100).line("/src/app.c", 12, 0x1010, 0x8)
            .inline(0, "helper", "/src/app.c", 11, 0x1008, 0x10)
            .func("main", 0x2000, 0x100).line("/src/app.c", 40, 0x2030, 0x10)
            .cfiInit(0x1000, 0x100, ".cfa: $rsp 8 + .ra: .cfa -8 + ^")
            .cfiInit(0x2000, 0x100, ".cfa: $rsp 8 + .ra: .cfa -8 + ^");

    private DumpContents dump(Long dumpThread, Long requesting, MinidumpException exception) {
        TestMemory stack = new TestMemory(STACK, 0x100).put64(STACK + 0x10, APP + 0x2034);
        MinidumpThread t0 = thread(100, context(Cpu.AMD64, "rsp", STACK + 0x40, "rip", APP + 0x2010), stack);
        MinidumpThread t1 = thread(200, context(Cpu.AMD64, "rsp", STACK + 0x10, "rip", APP + 0x2010), stack);
        MinidumpThread handler = thread(300, context(Cpu.AMD64, "rsp", STACK, "rip", APP + 0x2010), stack);
        return new DumpContents(Fixtures.linux(Cpu.AMD64), List.of(t0, t1, handler), Map.of(200L, "worker"), MODULES,
                exception, null, dumpThread, requesting, DumpExtras.NONE);
    }

    private ProcessState process(DumpContents d) {
        return new Stackwalker(Fixtures.supplier(Map.of("app", app))).process(d);
    }

    private static MinidumpException segv(long threadId) {
        // The crashed thread's own context is inside the handler; the exception context is the fault.
        return new MinidumpException(threadId, 11, 1, 0, 0x10, new long[0],
                context(Cpu.AMD64, "rbp", 0, "rsp", STACK + 0x8, "rip", APP + 0x1012));
    }

    @Test
    void crashedThreadUsesTheExceptionContext() {
        ProcessState s = process(dump(null, null, segv(200)));
        assertTrue(s.crashed());
        assertEquals("SIGSEGV /SEGV_MAPERR", s.crashReason());
        assertEquals(0x10, s.crashAddress());
        assertEquals(1, s.requestingThread());
        CallStack crashed = s.crashingThread();
        assertEquals("worker", crashed.threadName());
        assertEquals("crash_here", crashed.frames().get(0).functionName());
        assertEquals("main", crashed.frames().get(1).functionName());
        assertEquals(List.of(MODULES.get(0)), s.modulesInStack());
    }

    @Test
    void dumpWithoutExceptionUsesTheRequestingThread() {
        ProcessState s = process(dump(300L, 100L, null));
        assertFalse(s.crashed());
        assertEquals(0, s.requestingThread());
        assertEquals(CallStack.Status.DUMP_THREAD_SKIPPED, s.threads().get(2).status());
        assertTrue(s.threads().get(2).frames().isEmpty());
    }

    @Test
    void machineReadableOutputLeavesOutTheDumpThreadAndSplitsInlineFrames() {
        String out = MachineReadableWriter.write(process(dump(300L, null, segv(200))));
        String expected = """
                OS|Linux|0.0.0 Linux 6.1.0 #1 SMP x86_64
                CPU|amd64|family 6 model 1 stepping 2|4
                GPU|||
                Crash|SIGSEGV /SEGV_MAPERR|0x10|1
                Module|app||app|APPID|0x00400000|0x0040ffff|1
                Module|libz.so||libz.so|LIBZ.SOID|0x7f0000000000|0x7f0000000fff|0

                1|0|app|helper|/src/app.c|12|0x2
                1|1|app|crash_here|/src/app.c|11|0x2
                1|2|app|main|/src/app.c|40|0x4
                0|0|app|main|||0x10
                """;
        assertEquals(expected, out);
    }

    @Test
    void humanOutputNamesMissingSymbols() {
        DumpContents d = dump(null, null, segv(200));
        TestMemory stack = new TestMemory(STACK, 0x100);
        DumpContents withLib = new DumpContents(d.systemInfo(),
                List.of(thread(5, context(Cpu.AMD64, "rsp", STACK, "rip", 0x7f0000000010L), stack)), Map.of(), MODULES,
                null, null, null, null, DumpExtras.NONE);
        ProcessState state = process(withLib);
        assertEquals(List.of(MODULES.get(1)), state.missingSymbols(), "libz.so was looked up and not found");
        assertEquals(List.of(), state.modulesInStack(), "no crashing thread without an exception or request");
        String out = HumanWriter.write(state);
        assertTrue(out.contains("Thread 0\n 0  libz.so + 0x10\n"), out);
        assertTrue(out.contains("0x7f0000000000 - 0x7f0000000fff  libz.so  ???  (WARNING: No symbols, libz.so, LIBZ.SOID)"), out);
        assertTrue(out.contains("No crash\n"), out);
    }

    @Test
    void jsonFollowsTheRustMinidumpSchema() {
        String json = JsonWriter.write(process(dump(300L, null, segv(200))), false);
        assertTrue(json.startsWith("{\"crash_info\":{\"address\":\"0x0000000000000010\""), json);
        assertTrue(json.contains("\"type\":\"SIGSEGV /SEGV_MAPERR\""), json);
        assertTrue(json.contains("\"crashing_thread\":1"), json);
        assertTrue(json.contains("\"inlines\":[{\"file\":\"/src/app.c\",\"function\":\"helper\",\"line\":12}]"), json);
        assertTrue(json.contains("\"function\":\"main\",\"function_offset\":\"0x0000000000000033\""), json);
        assertTrue(json.contains("\"threads_index\":1"), json);
        assertTrue(json.contains("\"registers\":{\"rbp\":\"0x0000000000000000\",\"rip\":\"0x0000000000401012\""), json);
        assertTrue(json.contains("\"thread_count\":3"), json);
        assertTrue(json.contains("\"loaded_symbols\":true"), json);
    }

    @Test
    void jsonDropsUnknownSignalCodesAsRustMinidumpDoes() {
        assertEquals("SIGSEGV", io.breakwater.stackwalk.output.JsonWriterAccess.crashType("SIGSEGV /0x00000000"));
        assertEquals("SIGSEGV /SEGV_MAPERR", io.breakwater.stackwalk.output.JsonWriterAccess.crashType("SIGSEGV /SEGV_MAPERR"));
        assertEquals("EXCEPTION_BREAKPOINT", io.breakwater.stackwalk.output.JsonWriterAccess.crashType("EXCEPTION_BREAKPOINT"));
    }

    @Test
    void aFailingSymbolLookupEndsOnlyThatThreadsWalk() {
        io.breakwater.symbols.ModuleSymbols broken = new FakeSymbols() {
            @Override
            public CfiRules cfi(long offset) {
                throw new IllegalStateException("corrupt index");
            }
        }.func("main", 0x2000, 0x100);
        ProcessState s = new Stackwalker(Fixtures.supplier(Map.of("app", broken))).process(dump(null, null, segv(200)));
        assertEquals(3, s.threads().size());
        assertEquals(1, s.threads().get(0).frames().size(), "the context frame is kept");
        assertTrue(s.threads().get(0).truncated());
        assertTrue(s.notes().get(0).contains("corrupt index"), s.notes().toString());
    }
}
