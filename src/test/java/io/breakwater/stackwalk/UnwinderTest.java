package io.breakwater.stackwalk;

import static io.breakwater.stackwalk.Fixtures.context;
import static io.breakwater.stackwalk.Fixtures.module;
import static io.breakwater.stackwalk.Fixtures.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.CpuContext;
import io.breakwater.minidump.MinidumpModule;
import io.breakwater.minidump.SystemInfo;
import io.breakwater.symbols.ModuleSymbols;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-CPU unwinders on hand-built stacks. */
class UnwinderTest {

    static final long APP = 0x400000, LIB = 0x7f0000000000L, STACK = 0x7ffe0000L;
    static final List<MinidumpModule> MODULES = List.of(module("app", APP, 0x10000), module("lib", LIB, 0x10000));

    static CallStack walk(SystemInfo sys, CpuContext ctx, TestMemory stack, Map<String, ModuleSymbols> symbols,
                          Stackwalker.Options options) {
        Stackwalker walker = new Stackwalker(Fixtures.supplier(symbols), options);
        ProcessState state = walker.process(Fixtures.dump(sys, List.of(thread(1, ctx, stack)), MODULES, null));
        return state.threads().get(0);
    }

    static CallStack walk(SystemInfo sys, CpuContext ctx, TestMemory stack, Map<String, ModuleSymbols> symbols) {
        return walk(sys, ctx, stack, symbols, Stackwalker.Options.DEFAULT);
    }

    static long reg(StackFrame f, String name) {
        RegisterSet r = f.registers();
        int i = r.cpu().indexOf(name);
        assertTrue(r.isValid(i), name + " should be known");
        return r.get(i);
    }

    // ---------------------------------------------------------------- amd64

    @Test
    void amd64CallFrameInfoRecoversCallerAndCalleeSavedRegisters() {
        FakeSymbols app = new FakeSymbols()
                .func("leaf", 0x1000, 0x100).line("app.c", 10, 0x1000, 0x100)
                .func("caller", 0x1200, 0x100).line("app.c", 20, 0x1230, 0x10)
                .cfiInit(0x1000, 0x100, ".cfa: $rsp 8 + .ra: .cfa -8 + ^")
                .cfiDelta(0x1004, ".cfa: $rsp 16 + $rbx: .cfa -16 + ^")
                .cfiInit(0x1200, 0x100, ".cfa: $rsp 8 + .ra: .cfa -8 + ^");
        TestMemory stack = new TestMemory(STACK, 0x1000)
                .put64(STACK + 0x100, 0x99)              // saved rbx
                .put64(STACK + 0x108, APP + 0x1234);     // return address into caller
        CpuContext ctx = context(Cpu.AMD64, "rbx", 7, "rbp", 0, "rsp", STACK + 0x100, "r12", 5, "rip", APP + 0x1010);
        CallStack s = walk(Fixtures.linux(Cpu.AMD64), ctx, stack, Map.of("app", app));

        assertEquals(2, s.frames().size(), "the caller's return address 0 ends the walk");
        StackFrame f0 = s.frames().get(0);
        assertEquals(FrameTrust.CONTEXT, f0.trust());
        assertEquals("leaf", f0.functionName());
        StackFrame f1 = s.frames().get(1);
        assertEquals(FrameTrust.CFI, f1.trust());
        assertEquals(APP + 0x1234, f1.returnAddress());
        assertEquals(APP + 0x1233, f1.instruction(), "callers are looked up one byte into the call");
        assertEquals("caller", f1.functionName());
        assertEquals(20, f1.sourceLine());
        assertEquals(STACK + 0x110, reg(f1, "rsp"));
        assertEquals(0x99, reg(f1, "rbx"), "recovered by a rule");
        assertEquals(5, reg(f1, "r12"), "callee-saved, not mentioned: carried over");
        assertFalse(f1.registers().isValid(f1.registers().cpu().indexOf("rax")), "volatile registers are unknown");
    }

    @Test
    void amd64FramePointerChain() {
        TestMemory stack = new TestMemory(STACK, 0x1000)
                .put64(STACK + 0x200, STACK + 0x300).put64(STACK + 0x208, APP + 0x1234);
        CpuContext ctx = context(Cpu.AMD64, "rbp", STACK + 0x200, "rsp", STACK + 0x100, "rip", APP + 0x1010);
        CallStack s = walk(Fixtures.linux(Cpu.AMD64), ctx, stack, Map.of());
        assertEquals(2, s.frames().size());
        StackFrame f1 = s.frames().get(1);
        assertEquals(FrameTrust.FRAME_POINTER, f1.trust());
        assertEquals(APP + 0x1234, f1.returnAddress());
        assertEquals(STACK + 0x210, reg(f1, "rsp"));
        assertEquals(STACK + 0x300, reg(f1, "rbp"));
    }

    @Test
    void amd64FramePointersAreNotTrustedOnWindows() {
        TestMemory stack = new TestMemory(STACK, 0x1000)
                .put64(STACK + 0x200, STACK + 0x300).put64(STACK + 0x208, APP + 0x1234)
                .put64(STACK + 0x100, 0x1111);
        CpuContext ctx = context(Cpu.AMD64, "rbp", STACK + 0x200, "rsp", STACK + 0x100, "rip", APP + 0x1010);
        CallStack s = walk(Fixtures.windows(Cpu.AMD64), ctx, stack, Map.of());
        assertEquals(2, s.frames().size());
        assertEquals(FrameTrust.SCAN, s.frames().get(1).trust(), "found by scanning up to the saved return address");
        assertEquals(STACK + 0x210, reg(s.frames().get(1), "rsp"));
    }

    @Test
    void amd64ScanAcceptsOnlyAddressesInsideFunctionsOfModulesWithSymbols() {
        FakeSymbols app = new FakeSymbols().func("leaf", 0x1000, 0x100).func("real", 0x2000, 0x100);
        TestMemory stack = new TestMemory(STACK, 0x1000)
                .put64(STACK + 0x100, 0x12345)              // not in any module
                .put64(STACK + 0x108, APP + 0x1801)         // in the module, but in no function
                .put64(STACK + 0x110, APP + 0x2010);        // inside "real"
        CpuContext ctx = context(Cpu.AMD64, "rbp", 1, "rsp", STACK + 0x100, "rip", APP + 0x1010);
        CallStack s = walk(Fixtures.linux(Cpu.AMD64), ctx, stack, Map.of("app", app));
        StackFrame f1 = s.frames().get(1);
        assertEquals(FrameTrust.SCAN, f1.trust());
        assertEquals(APP + 0x2010, f1.returnAddress());
        assertEquals("real", f1.functionName());
        assertEquals(STACK + 0x118, reg(f1, "rsp"));
    }

    @Test
    void amd64ScanWithoutSymbolsAcceptsAnyModuleAddress() {
        TestMemory stack = new TestMemory(STACK, 0x1000).put64(STACK + 0x108, LIB + 0x555);
        CpuContext ctx = context(Cpu.AMD64, "rbp", 1, "rsp", STACK + 0x100, "rip", APP + 0x1010);
        CallStack s = walk(Fixtures.linux(Cpu.AMD64), ctx, stack, Map.of());
        assertEquals(LIB + 0x555, s.frames().get(1).returnAddress());
        assertEquals("lib", FrameSymbolizer.basename(s.frames().get(1).module().debugFile()));
    }

    @Test
    void stackPointerMustGrow() {
        FakeSymbols app = new FakeSymbols().func("leaf", 0x1000, 0x100)
                .cfiInit(0x1000, 0x100, ".cfa: $rsp 8 - .ra: .cfa 8 + ^");
        TestMemory stack = new TestMemory(STACK, 0x1000).put64(STACK + 0x100, APP + 0x1010);
        CpuContext ctx = context(Cpu.AMD64, "rbp", 1, "rsp", STACK + 0x100, "rip", APP + 0x1010);
        CallStack s = walk(Fixtures.linux(Cpu.AMD64), ctx, stack, Map.of("app", app));
        assertEquals(1, s.frames().size(), "a caller below the callee's stack pointer ends the walk");
    }

    @Test
    void recursionIsBoundedByTheStackAndTheFrameLimit() {
        // Every frame returns into the same function 8 bytes further up: the walk ends at the stack's end.
        FakeSymbols app = new FakeSymbols().func("loop", 0x1000, 0x100)
                .cfiInit(0x1000, 0x100, ".cfa: $rsp 8 + .ra: .cfa -8 + ^");
        TestMemory stack = new TestMemory(STACK, 0x400);
        for (long a = STACK; a < STACK + 0x400; a += 8) stack.put64(a, APP + 0x1011);
        CpuContext ctx = context(Cpu.AMD64, "rbp", 1, "rsp", STACK, "rip", APP + 0x1010);
        CallStack all = walk(Fixtures.linux(Cpu.AMD64), ctx, stack, Map.of("app", app));
        assertEquals(0x400 / 8 + 1, all.frames().size());
        assertFalse(all.truncated());
        CallStack limited = walk(Fixtures.linux(Cpu.AMD64), ctx, stack, Map.of("app", app), new Stackwalker.Options(5, 100));
        assertEquals(5, limited.frames().size());
        assertTrue(limited.truncated());
    }

    @Test
    void scanningStopsAtTheScanBudget() {
        TestMemory stack = new TestMemory(STACK, 0x400);
        for (long a = STACK; a < STACK + 0x400; a += 8) stack.put64(a, LIB + 0x100);
        CpuContext ctx = context(Cpu.AMD64, "rbp", 1, "rsp", STACK, "rip", APP + 0x1010);
        CallStack s = walk(Fixtures.linux(Cpu.AMD64), ctx, stack, Map.of(), new Stackwalker.Options(1000, 3));
        assertEquals(4, s.frames().size(), "context frame plus three scanned frames");
    }

    @Test
    void inlineFramesAreExpandedInnermostFirst() {
        FakeSymbols app = new FakeSymbols()
                .func("outer", 0x1000, 0x100).line("inner.h", 7, 0x1010, 0x8)
                .inline(0, "middle", "outer.c", 30, 0x1008, 0x20)
                .inline(1, "inner", "middle.h", 12, 0x1010, 0x8);
        TestMemory stack = new TestMemory(STACK, 0x100);
        CpuContext ctx = context(Cpu.AMD64, "rbp", 1, "rsp", STACK, "rip", APP + 0x1012);
        StackFrame f = walk(Fixtures.linux(Cpu.AMD64), ctx, stack, Map.of("app", app)).frames().get(0);
        assertEquals("outer", f.functionName());
        assertEquals("outer.c", f.sourceFile());
        assertEquals(30, f.sourceLine(), "the physical frame shows the outermost call site");
        assertEquals(List.of(new InlineFrame("inner", APP + 0x1010, "inner.h", 7),
                             new InlineFrame("middle", APP + 0x1008, "middle.h", 12)), f.inlines());
    }

    @Test
    void missingStackMemoryGivesTheContextFrameOnly() {
        CpuContext ctx = context(Cpu.AMD64, "rbp", 1, "rsp", STACK, "rip", APP + 0x1012);
        CallStack s = walk(Fixtures.linux(Cpu.AMD64), ctx, null, Map.of());
        assertEquals(1, s.frames().size());
    }

    // ---------------------------------------------------------------- x86

    static ModuleSymbols.WinFrameInfo win(int type, long address, long size, long params, long saved, long locals,
                                          boolean allocatesBp, String program) {
        return new ModuleSymbols.WinFrameInfo(type, address, size, 0, 0, params, saved, locals, 0, allocatesBp, program);
    }

    @Test
    void x86FrameDataProgram() {
        FakeSymbols app = new FakeSymbols().func("f", 0x1000, 0x100).func("g", 0x2000, 0x100)
                .win(win(4, 0x1000, 0x100, 0, 0, 0, false, "$T0 $ebp = $eip $T0 4 + ^ = $ebp $T0 ^ = $esp $T0 8 + ="));
        long stackBase = 0x12000;
        TestMemory stack = new TestMemory(stackBase, 0x1000)
                .put32(stackBase + 0x40, stackBase + 0x80)   // saved ebp
                .put32(stackBase + 0x44, APP + 0x2010);      // return address
        CpuContext ctx = context(Cpu.X86, "eip", APP + 0x1010, "esp", stackBase + 0x20, "ebp", stackBase + 0x40);
        CallStack s = walk(Fixtures.windows(Cpu.X86), ctx, stack, Map.of("app", app));
        StackFrame f1 = s.frames().get(1);
        assertEquals(FrameTrust.CFI, f1.trust());
        assertEquals(APP + 0x2010, f1.returnAddress());
        assertEquals(stackBase + 0x48, reg(f1, "esp"));
        assertEquals(stackBase + 0x80, reg(f1, "ebp"));
        assertEquals("g", f1.functionName());
    }

    @Test
    void x86FpoFrameWithoutBasePointerUsesTheStackSizes() {
        // 8 bytes of locals and 4 of saved registers: the return address is 12 bytes above esp.
        FakeSymbols app = new FakeSymbols().func("f", 0x1000, 0x100).func("g", 0x2000, 0x100)
                .win(win(0, 0x1000, 0x100, 4, 4, 8, false, null));
        long stackBase = 0x12000;
        TestMemory stack = new TestMemory(stackBase, 0x1000).put32(stackBase + 0x2c, APP + 0x2010);
        CpuContext ctx = context(Cpu.X86, "eip", APP + 0x1010, "esp", stackBase + 0x20, "ebp", 0x777, "ebx", 0x55);
        StackFrame f1 = walk(Fixtures.windows(Cpu.X86), ctx, stack, Map.of("app", app)).frames().get(1);
        assertEquals(FrameTrust.CFI, f1.trust());
        assertEquals(APP + 0x2010, f1.returnAddress());
        assertEquals(stackBase + 0x30, reg(f1, "esp"));
        assertEquals(0x777, reg(f1, "ebp"), "ebp is not used by the function: carried through");
        assertEquals(0x55, reg(f1, "ebx"));
    }

    @Test
    void x86EbpChainWithoutSymbols() {
        long stackBase = 0x12000;
        TestMemory stack = new TestMemory(stackBase, 0x1000)
                .put32(stackBase + 0x40, stackBase + 0x80).put32(stackBase + 0x44, APP + 0x2010);
        CpuContext ctx = context(Cpu.X86, "eip", APP + 0x1010, "esp", stackBase + 0x20, "ebp", stackBase + 0x40);
        StackFrame f1 = walk(Fixtures.linux(Cpu.X86), ctx, stack, Map.of()).frames().get(1);
        assertEquals(FrameTrust.FRAME_POINTER, f1.trust());
        assertEquals(APP + 0x2010, f1.returnAddress());
        assertEquals(stackBase + 0x80, reg(f1, "ebp"));
        assertEquals(stackBase + 0x48, reg(f1, "esp"));
    }

    @Test
    void x86ScanRestoresTheEbpChain() {
        long stackBase = 0x12000;
        TestMemory stack = new TestMemory(stackBase, 0x1000)
                .put32(stackBase + 0x28, stackBase + 0x100)  // saved ebp below the return address
                .put32(stackBase + 0x2c, APP + 0x2010);
        CpuContext ctx = context(Cpu.X86, "eip", APP + 0x1010, "esp", stackBase + 0x20, "ebp", 0x10);
        StackFrame f1 = walk(Fixtures.linux(Cpu.X86), ctx, stack, Map.of()).frames().get(1);
        assertEquals(FrameTrust.SCAN, f1.trust());
        assertEquals(stackBase + 0x30, reg(f1, "esp"));
        assertEquals(stackBase + 0x100, reg(f1, "ebp"));
    }

    // ---------------------------------------------------------------- arm64 and arm

    @Test
    void arm64FramePointerChainStripsPointerAuthentication() {
        TestMemory stack = new TestMemory(STACK, 0x1000)
                .put64(STACK + 0x100, STACK + 0x200)                       // caller's fp
                .put64(STACK + 0x108, 0x0023_0000_0000_0000L | (APP + 0x3000)); // signed return address
        CpuContext ctx = context(Cpu.ARM64, "fp", STACK + 0x100, "lr", 0x0041_0000_0000_0000L | (APP + 0x2004),
                "sp", STACK + 0x80, "pc", APP + 0x1000);
        CallStack s = walk(Fixtures.linux(Cpu.ARM64), ctx, stack, Map.of());
        assertEquals(APP + 0x2004, reg(s.frames().get(0), "lr"), "context lr stripped");
        StackFrame f1 = s.frames().get(1);
        assertEquals(FrameTrust.FRAME_POINTER, f1.trust());
        assertEquals(APP + 0x2004, f1.returnAddress());
        assertEquals(APP + 0x2000, f1.instruction(), "arm64 callers are looked up one instruction back");
        assertEquals(STACK + 0x110, reg(f1, "sp"));
        assertEquals(APP + 0x3000, reg(f1, "lr"));
    }

    @Test
    void arm64CallFrameInfoUsesX29AndX30Names() {
        FakeSymbols app = new FakeSymbols().func("f", 0x1000, 0x100)
                .cfiInit(0x1000, 0x100, ".cfa: sp 16 + .ra: .cfa -8 + ^ x29: .cfa -16 + ^");
        TestMemory stack = new TestMemory(STACK, 0x1000)
                .put64(STACK + 0x80, STACK + 0x400).put64(STACK + 0x88, APP + 0x2004);
        CpuContext ctx = context(Cpu.ARM64, "x19", 3, "fp", 9, "lr", 0, "sp", STACK + 0x80, "pc", APP + 0x1010);
        StackFrame f1 = walk(Fixtures.linux(Cpu.ARM64), ctx, stack, Map.of("app", app)).frames().get(1);
        assertEquals(FrameTrust.CFI, f1.trust());
        assertEquals(APP + 0x2004, f1.returnAddress());
        assertEquals(STACK + 0x90, reg(f1, "sp"));
        assertEquals(STACK + 0x400, reg(f1, "fp"));
        assertEquals(3, reg(f1, "x19"));
    }

    @Test
    void armWalksByCfiThenScans() {
        FakeSymbols app = new FakeSymbols().func("f", 0x1000, 0x100).func("g", 0x2000, 0x100).func("h", 0x3000, 0x100)
                .cfiInit(0x1000, 0x100, ".cfa: sp 8 + .ra: .cfa -4 + ^ r4: .cfa -8 + ^");
        long stackBase = 0x12000;
        TestMemory stack = new TestMemory(stackBase, 0x100)
                .put32(stackBase + 0x10, 0x44).put32(stackBase + 0x14, APP + 0x2005)
                .put32(stackBase + 0x30, APP + 0x3001);
        CpuContext ctx = context(Cpu.ARM, "r4", 1, "r11", 2, "sp", stackBase + 0x10, "lr", 0, "pc", APP + 0x1010);
        CallStack s = walk(Fixtures.linux(Cpu.ARM), ctx, stack, Map.of("app", app));
        assertEquals(3, s.frames().size());
        StackFrame f1 = s.frames().get(1);
        assertEquals(FrameTrust.CFI, f1.trust());
        assertEquals(APP + 0x2003, f1.instruction(), "arm callers are looked up two bytes back");
        assertEquals(0x44, reg(f1, "r4"));
        assertEquals(2, reg(f1, "r11"));
        assertEquals(FrameTrust.SCAN, s.frames().get(2).trust());
        assertEquals(APP + 0x3001, s.frames().get(2).returnAddress());
    }

    @Test
    void unknownCpuYieldsNoFrames() {
        CpuContext ctx = context(Cpu.MIPS, "pc", 0x1000);
        CallStack s = walk(Fixtures.linux(Cpu.MIPS), ctx, null, Map.of());
        assertEquals(CallStack.Status.UNSUPPORTED_CPU, s.status());
        assertTrue(s.frames().isEmpty());
        assertNull(s.threadName());
    }
}
