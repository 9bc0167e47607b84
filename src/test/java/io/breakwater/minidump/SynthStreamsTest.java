package io.breakwater.minidump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.minidump.synth.SynthContext;
import io.breakwater.minidump.synth.SynthCrashpad;
import io.breakwater.minidump.synth.SynthMinidump;
import io.breakwater.minidump.synth.SynthModule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each stream decoded from dumps built with {@link SynthMinidump}, well-formed and corrupted. */
class SynthStreamsTest {

    private static byte[] stack(int size, long seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (seed + i * 7);
        return b;
    }

    private static boolean notesMention(Minidump d, String text) {
        return d.notes().stream().anyMatch(n -> n.contains(text));
    }

    // ------------------------------------------------------------------ header and directory

    @Test
    void emptyAndGarbageInputsAreFormatErrors() {
        assertThrows(MinidumpFormatException.class, () -> Minidump.of(new byte[0]));
        assertThrows(MinidumpFormatException.class, () -> Minidump.of("abcd1234\n".getBytes()));
        assertThrows(MinidumpFormatException.class, () -> Minidump.of(new byte[] {'M', 'D', 'M', 'P', 0}));
        MinidumpFormatException micro = assertThrows(MinidumpFormatException.class, () -> Minidump.of(
                "W/google-breakpad(1): -----BEGIN BREAKPAD MICRODUMP-----\n".getBytes()));
        assertTrue(micro.getMessage().contains("microdump"));
    }

    @Test
    void directoryOutsideFileIsAFormatError() {
        byte[] dump = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX).headerDirectoryRva(1 << 20).build();
        assertThrows(MinidumpFormatException.class, () -> Minidump.of(dump));
    }

    @Test
    void lyingStreamCountIsCappedByTheFile() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .headerStreamCount(0xffffffffL).open();
        assertTrue(notesMention(d, "fit in the file"));
        assertTrue(d.systemInfo().isPresent(), "the real entry is still read");
    }

    @Test
    void headerFieldsAndDirectory() throws Exception {
        Minidump d = SynthMinidump.create().timeDateStamp(1171480435).systemInfo(Cpu.X86, SynthMinidump.WINDOWS)
                .breakpadInfo(1L, 2L).open();
        assertEquals(1171480435, d.timeDateStamp());
        assertEquals(0xa793, d.headerVersion() & 0xffff);
        assertEquals(2, d.streams().size());
        assertTrue(d.hasStream(StreamEntry.BREAKPAD_INFO));
        assertEquals(List.of(), d.notes());
    }

    @Test
    void duplicateStreamsKeepTheFirst() throws Exception {
        Minidump d = SynthMinidump.create().breakpadInfo(1L, 2L).breakpadInfo(3L, 4L).open();
        assertEquals(1, d.dumpThreadId().getAsLong());
        assertTrue(notesMention(d, "duplicate BreakpadInfo"));
    }

    @Test
    void streamsPastTheEndAreNotedAndClamped() throws Exception {
        Minidump d = SynthMinidump.create().linuxMaps("00400000-00401000 r-xp 00000000 08:01 1 /bin/app\n")
                .streamSize(StreamEntry.LINUX_MAPS, 1 << 30).open();
        assertEquals(1, d.linuxMaps().size());
        assertTrue(notesMention(d, "file ends after"));
        d.streamBytes(StreamEntry.LINUX_MAPS, 100);
        assertEquals(1, d.notes().stream().filter(n -> n.contains("file ends after")).count(), "noted once");

        Minidump far = SynthMinidump.create().linuxMaps("x").streamRva(StreamEntry.LINUX_MAPS, 1L << 31).open();
        assertEquals(List.of(), far.linuxMaps());
        assertTrue(notesMention(far, "outside the file"));
    }

    @Test
    void streamsOverlappingHeaderAreIgnoredAndMutualOverlapsNoted() throws Exception {
        Minidump d = SynthMinidump.create().linuxMaps("00400000-00401000 r-xp 00000000 08:01 1 /bin/app\n")
                .streamRva(StreamEntry.LINUX_MAPS, 0).open();
        assertEquals(List.of(), d.linuxMaps());
        assertTrue(notesMention(d, "overlaps the header"));

        Minidump o = SynthMinidump.create().linuxCpuInfo("processor : 0\n").linuxProcStatus("Pid:\t42\n")
                .overlapStreams(StreamEntry.LINUX_CPU_INFO, StreamEntry.LINUX_PROC_STATUS).open();
        assertTrue(notesMention(o, "overlap"));
        assertTrue(o.linuxCpuInfo().orElseThrow().startsWith(o.streamText(StreamEntry.LINUX_PROC_STATUS).orElseThrow()));
    }

    // ------------------------------------------------------------------ SystemInfo

    @Test
    void systemInfoWindowsX86() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(s -> s.architecture(0).platformId(2).version(5, 1, 2600)
                .csd("Service Pack 2").vendor("GenuineIntel").level(6).revision(0x0d08).processors(1)).open();
        SystemInfo si = d.systemInfo().orElseThrow();
        assertEquals(Cpu.X86, si.cpu());
        assertEquals("Windows NT", si.os());
        assertEquals("5.1.2600 Service Pack 2", si.osVersion());
        assertEquals("Service Pack 2", si.csdVersion());
        assertEquals("GenuineIntel", si.cpuVendor());
        assertEquals("GenuineIntel family 6 model 13 stepping 8", si.cpuInfo());
        assertEquals(1, si.processorCount());
    }

    @Test
    void systemInfoNamesEveryPlatformLikeBreakpad() throws Exception {
        Map<Long, String> names = Map.of(2L, "Windows NT", 1L, "Windows", 0x8101L, "Mac OS X", 0x8102L, "iOS",
                0x8201L, "Linux", 0x8202L, "Solaris", 0x8203L, "Android", 0x8206L, "Fuchsia", 0x1234L, "0x00001234");
        for (Map.Entry<Long, String> e : names.entrySet()) {
            Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, e.getKey()).open();
            assertEquals(e.getValue(), d.systemInfo().orElseThrow().os());
        }
    }

    @Test
    void systemInfoEmptyCsdKeepsTrailingSpaceAndMissingCsdHasNone() throws Exception {
        SystemInfo empty = SynthMinidump.create().systemInfo(s -> s.architecture(9).platformId(2).version(10, 0, 22631).csd(""))
                .open().systemInfo().orElseThrow();
        assertEquals("10.0.22631 ", empty.osVersion());
        SystemInfo none = SynthMinidump.create().systemInfo(s -> s.architecture(9).platformId(2).version(10, 0, 1))
                .open().systemInfo().orElseThrow();
        assertEquals("10.0.1", none.osVersion());
        assertEquals("family 6 model 70 stepping 1", none.cpuInfo(), "amd64 has no vendor in cpu info");
    }

    @Test
    void systemInfoArchitectures() throws Exception {
        Map<Integer, Cpu> arch = Map.of(0, Cpu.X86, 9, Cpu.AMD64, 5, Cpu.ARM, 12, Cpu.ARM64, 0x8003, Cpu.ARM64,
                10, Cpu.X86, 0x8004, Cpu.MIPS64, 0x4444, Cpu.UNKNOWN);
        for (Map.Entry<Integer, Cpu> e : arch.entrySet()) {
            SystemInfo si = SynthMinidump.create().systemInfo(s -> s.architecture(e.getKey())).open().systemInfo().orElseThrow();
            assertEquals(e.getValue(), si.cpu(), "architecture " + e.getKey());
            assertEquals(e.getKey(), si.processorArchitecture());
        }
    }

    @Test
    void armCpuInfoNamesVendorPartAndFeatures() throws Exception {
        SystemInfo si = SynthMinidump.create().systemInfo(s -> s.architecture(5).level(7).platformId(0x8203)
                .armCpu(0x413fc090L, 0b1_0000_0000_0111L)).open().systemInfo().orElseThrow();
        assertEquals("ARMv7 ARM Cortex-A9 features: swp,half,thumb,neon", si.cpuInfo());
    }

    @Test
    void truncatedSystemInfoIsANote() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .streamSize(StreamEntry.SYSTEM_INFO, 20).open();
        assertTrue(d.systemInfo().isEmpty());
        assertEquals(Cpu.UNKNOWN, d.cpu());
        assertTrue(notesMention(d, "SystemInfo"));
    }

    // ------------------------------------------------------------------ threads and contexts

    @Test
    void amd64ThreadWithStack() throws Exception {
        byte[] stack = stack(0x100, 3);
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .thread(0x4d2, SynthContext.amd64().set("rip", 0x401000).set("rsp", 0x7000).set("rbp", 0x7040).set("r15", 15),
                        0x7000, stack)
                .open();
        MinidumpThread t = d.threads().get(0);
        assertEquals(0x4d2, t.threadId());
        CpuContext c = t.context();
        assertEquals(Cpu.AMD64, c.cpu());
        assertEquals(0x401000, c.pc());
        assertEquals(0x7000, c.sp());
        assertEquals(0x7040, c.get("rbp"));
        assertEquals(15, c.get("r15"));
        assertEquals(List.of("rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12",
                "r13", "r14", "r15", "rip"), List.copyOf(c.registers().keySet()));
        assertEquals(0x7000, t.stack().baseAddress());
        assertEquals(0x100, t.stack().size());
        assertEquals(stack[8] & 0xff, t.stack().readU8(0x7008).getAsLong());
        assertArrayEquals(java.util.Arrays.copyOfRange(stack, 0xf8, 0x100), t.stack().readBytes(0x70f8, 8));
        assertTrue(t.stack().readU64(0x70f9).isEmpty(), "read crossing the end of the region");
        assertTrue(t.stack().readU32(0x6fff).isEmpty(), "read before the region");
        assertNull(t.stack().readBytes(0x7000, 0x101));
        assertEquals(t.stack().readU64(0x7010), d.memory().regionAt(0x7010).readU64(0x7010), "stack is in the MemoryList too");
        assertEquals(List.of(), d.notes());
    }

    @Test
    void x86ContextHonoursFlags() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.X86, SynthMinidump.WINDOWS)
                .thread(1, SynthContext.x86().set("eip", 0x40429e).set("esp", 0x12fe84).set("eax", 0x45), 0x12f000, stack(16, 1))
                .thread(2, SynthContext.x86().set("eip", 5).set("esp", 6).set("eax", 7).flags(0x00010001L), 0, null)
                .open();
        CpuContext full = d.threads().get(0).context();
        assertEquals(List.of("eip", "esp", "ebp", "ebx", "esi", "edi", "eax", "ecx", "edx", "efl"), List.copyOf(full.registers().keySet()));
        assertEquals(0x45, full.get("eax"));
        CpuContext control = d.threads().get(1).context();
        assertEquals(List.of("eip", "esp", "ebp", "efl"), List.copyOf(control.registers().keySet()));
        assertFalse(control.has("eax"));
        assertNull(d.threads().get(1).stack());
    }

    @Test
    void contextWithOnlyTheCpuBitTrustsAllRegisters() throws Exception {
        // Breakpad's macOS writer leaves the register-group bits clear.
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.MAC)
                .thread(1, SynthContext.amd64().set("rip", 9).set("rbx", 3).flags(0x100000), 0, null).open();
        CpuContext c = d.threads().get(0).context();
        assertEquals(17, c.registers().size());
        assertEquals(3, c.get("rbx"));
        assertEquals(List.of(), d.notes());
    }

    @Test
    void integerWithoutControlIsNotedAndTrusted() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .thread(1, SynthContext.amd64().set("rip", 9).flags(0x100002), 0, null).open();
        assertEquals(9, d.threads().get(0).context().pc());
        assertTrue(notesMention(d, "control registers"));
    }

    @Test
    void armAndArm64Contexts() throws Exception {
        Minidump arm = SynthMinidump.create().systemInfo(Cpu.ARM, SynthMinidump.ANDROID)
                .thread(1, SynthContext.arm().set("pc", 0x1000).set("sp", 0x2000).set("lr", 0x3000).set("r7", 7), 0, null).open();
        CpuContext a = arm.threads().get(0).context();
        assertEquals(Cpu.ARM, a.cpu());
        assertEquals(16, a.registers().size(), "Breakpad ARM INTEGER flag covers sp/lr/pc");
        assertEquals(0x1000, a.pc());
        assertEquals(0x2000, a.sp());
        assertEquals(7, a.get("r7"));

        for (SynthContext ctx : new SynthContext[] {SynthContext.arm64(), SynthContext.arm64Old()}) {
            Minidump d = SynthMinidump.create().systemInfo(s -> s.architecture(ctx.layout() == SynthContext.Layout.ARM64 ? 12 : 0x8003))
                    .thread(1, ctx.set("pc", 0xaaaa).set("sp", 0xbbbb).set("fp", 0xcccc).set("lr", 0xdddd).set("x28", 28), 0, null).open();
            CpuContext c = d.threads().get(0).context();
            assertEquals(Cpu.ARM64, c.cpu());
            assertEquals(33, c.registers().size(), ctx.layout().toString());
            assertEquals(0xaaaa, c.pc());
            assertEquals(0xbbbb, c.sp());
            assertEquals(0xcccc, c.get("fp"));
            assertEquals(0xdddd, c.get("lr"));
            assertEquals(28, c.get("x28"));
            assertEquals(List.of(), d.notes(), ctx.layout().toString());
        }
    }

    @Test
    void xstateExtendedContextsReadTheClassicPart() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.X86, SynthMinidump.WINDOWS)
                .thread(1, SynthContext.x86().set("eip", 0x1234).set("esp", 0x20).xstate(0x340), 0, null).open();
        assertEquals(0x1234, d.threads().get(0).context().pc());
        Minidump d64 = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.WINDOWS)
                .thread(1, SynthContext.amd64().set("rip", 0x5678).set("rsp", 0x30).xstate(0x400), 0, null).open();
        assertEquals(0x5678, d64.threads().get(0).context().pc());
        assertEquals(List.of(), d64.notes());
    }

    @Test
    void contextWithoutSystemInfoIsRecognisedByItsFlags() throws Exception {
        Minidump d = SynthMinidump.create()
                .thread(1, SynthContext.amd64().set("rip", 0x77), 0, null)
                .thread(2, SynthContext.x86().set("eip", 0x88), 0, null).open();
        assertEquals(Cpu.AMD64, d.threads().get(0).context().cpu());
        assertEquals(Cpu.X86, d.threads().get(1).context().cpu());
    }

    @Test
    void truncatedAndMissingContexts() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .thread(1, SynthContext.amd64().set("rip", 1).size(100), 0, null)
                .thread(2, SynthContext.amd64().set("rip", 2).size(300), 0, null)
                .thread(3, null, 0, null).open();
        assertNull(d.threads().get(0).context());
        assertEquals(2, d.threads().get(1).context().pc(), "registers fit in the first 256 bytes");
        assertNull(d.threads().get(2).context());
        assertTrue(notesMention(d, "need at least"));
        assertTrue(notesMention(d, "no context record"));
    }

    @Test
    void threadListWithAbsurdCountIsCapped() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .thread(1, SynthContext.amd64(), 0, null).thread(2, SynthContext.amd64(), 0, null)
                .listCount(StreamEntry.THREAD_LIST, 0x7fffffff).open();
        assertEquals(2, d.threads().size());
        assertTrue(notesMention(d, "declares 2147483647 entries"));
    }

    @Test
    void fullDumpStacksComeFromTheMemory64List() throws Exception {
        byte[] memory = stack(0x2000, 9);
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.WINDOWS).stacksInMemoryList(false)
                .thread(1, SynthContext.amd64().set("rsp", 0x7100), 0x7000, null)
                .memory64(0x6000, memory)
                .corrupt(p -> p.u32(p.rva(StreamEntry.THREAD_LIST) + 4 + 32, 0x1000)) // stack size, rva stays 0
                .open();
        MemoryRegion stack = d.threads().get(0).stack();
        assertEquals(0x6000, stack.baseAddress());
        assertEquals(memory[0x1100] & 0xff, stack.readU8(0x7100).getAsLong());
        assertEquals(List.of(), d.notes());
    }

    @Test
    void threadNames() throws Exception {
        Minidump d = SynthMinidump.create().threadName(0x10, "main").threadName(0x20, "Gecko_IOThread").open();
        assertEquals(Map.of(0x10L, "main", 0x20L, "Gecko_IOThread"), d.threadNames());
        assertEquals("main", d.threadName(0x10).orElseThrow());
        assertTrue(d.threadName(0x30).isEmpty());
    }

    // ------------------------------------------------------------------ modules

    @Test
    void modulesWithCodeViewRecords() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.X86, SynthMinidump.WINDOWS)
                .module(SynthModule.of(0x400000, 0x2d000, "c:\\test_app.exe").timestamp(0x45D35F6CL)
                        .pdb70("5A9832E5-2872-41C1-838E-D98914E9B7FF", 1, "c:\\test_app.pdb"))
                .module(SynthModule.of(0x76bf0000L, 0xb000, "C:\\WINDOWS\\system32\\psapi.dll").timestamp(0x411096CAL)
                        .pdb70("A5C3A1F9689F43D8AD228A0929388970", 0x2a, "psapi.pdb").version(5, 1, 2600, 2180))
                .module(SynthModule.of(0x10000000, 0x1000, "old.dll").timestamp(0x12345678).pdb20(0x3C8B4E2AL, 3, "old.pdb"))
                .module(SynthModule.of(0x20000000, 0x1000, "nocv.dll").timestamp(1))
                .open();
        List<MinidumpModule> m = d.modules();
        assertEquals(4, m.size());
        assertEquals(new MinidumpModule(0x400000, 0x2d000, 0, 0x45D35F6CL, "c:\\test_app.exe", "45D35F6C2d000",
                "c:\\test_app.pdb", "5A9832E5287241C1838ED98914E9B7FF1", null), m.get(0));
        assertEquals("A5C3A1F9689F43D8AD228A09293889702A", m.get(1).debugId(), "age in upper-case hex");
        assertEquals("5.1.2600.2180", m.get(1).version());
        assertEquals("411096CAb000", m.get(1).codeId());
        assertEquals("3C8B4E2A3", m.get(2).debugId());
        assertEquals("old.pdb", m.get(2).debugFile());
        assertEquals("", m.get(3).debugId());
        assertEquals("00000001" + "1000", m.get(3).codeId());
        Minidump padded = SynthMinidump.create().systemInfo(Cpu.X86, SynthMinidump.WINDOWS)
                .module(SynthModule.of(0x400000, 0x1000, "a.exe").timestamp(0xABCL)
                        .pdb70("000A0B0C-0001-0002-0304-05060708090A", 0, "a.pdb"))
                .module(SynthModule.of(0x500000, 0x1000, "b.dll").timestamp(0).pdb20(0x1F, 0, "b.pdb"))
                .open();
        assertEquals("000A0B0C00010002030405060708090A0", padded.modules().get(0).debugId(), "every GUID field zero-padded");
        assertEquals("00000ABC1000", padded.modules().get(0).codeId());
        assertEquals("0000001F0", padded.modules().get(1).debugId());
        assertEquals(m.get(1), d.moduleAt(0x76bf0000L + 0xafff));
        assertNull(d.moduleAt(0x76bf0000L + 0xb000));
        assertNull(d.moduleAt(0));
        assertEquals(m.get(0), d.mainModule().orElseThrow());
        assertEquals(List.of(m.get(0), m.get(2), m.get(3), m.get(1)), d.modulesByAddress());
    }

    @Test
    void elfBuildIdDerivesBreakpadDebugId() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .module(SynthModule.of(0x400000, 0x30000, "/breakpad/examples/target/crash_linux")
                        .elfBuildId("db4c55d26192c436b9766a086583b9b5a6d2e271"))
                .module(SynthModule.of(0x500000, 0x1000, "/lib/short.so").elfBuildId("0102030405060708"))
                .open();
        MinidumpModule m = d.modules().get(0);
        assertEquals("D2554CDB926136C4B9766A086583B9B50", m.debugId());
        assertEquals("db4c55d26192c436b9766a086583b9b5a6d2e271", m.codeId());
        assertEquals("crash_linux", m.debugFile());
        MinidumpModule shortId = d.modules().get(1);
        assertEquals("04030201060508070000000000000000" + "0", shortId.debugId(), "short build ids are zero-padded");
        assertEquals("0102030405060708", shortId.codeId());
    }

    @Test
    void macModulesUseTheUuidAsCodeId() throws Exception {
        MinidumpModule m = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.MAC)
                .module(SynthModule.of(0x100000000L, 0x1000, "/usr/lib/libSystem.B.dylib")
                        .pdb70("8E6AD412-91E7-36FC-A6FD-C13B06A4952A", 0, "libSystem.B.dylib"))
                .open().modules().get(0);
        assertEquals("8E6AD41291E736FCA6FDC13B06A4952A0", m.debugId());
        assertEquals("8e6ad41291e736fca6fdc13b06a4952a", m.codeId());
    }

    @Test
    void overlappingModulesResolveToTheFirstByAddress() throws Exception {
        Minidump d = SynthMinidump.create()
                .module(SynthModule.of(0x1000, 0x3000, "a"))
                .module(SynthModule.of(0x2000, 0x3000, "b"))
                .module(SynthModule.of(0x2100, 0x100, "c"))
                .module(SynthModule.of(0xfffffffffffff000L, 0x2000, "wraps"))
                .open();
        assertEquals("a", d.moduleAt(0x2500).codeFile());
        assertEquals("b", d.moduleAt(0x4500).codeFile());
        assertNull(d.moduleAt(0x5000));
        assertEquals("wraps", d.moduleAt(-1L).codeFile());
    }

    @Test
    void badCodeViewAndNamesGiveNotesNotExceptions() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.WINDOWS)
                .module(SynthModule.of(0x1000, 0x1000, "x.dll").rawCodeView(new byte[] {'R', 'S', 'D', 'S', 1, 2}))
                .module(SynthModule.of(0x2000, 0x1000, "y.dll").rawCodeView(new byte[] {'Z', 'Z', 'Z', 'Z', 1, 2}))
                .open();
        assertEquals(2, d.modules().size());
        assertEquals("", d.modules().get(0).debugId());
        assertTrue(notesMention(d, "PDB70 CodeView record too short"));
        assertTrue(notesMention(d, "unknown CodeView signature"));
    }

    @Test
    void moduleListCountLiesAreCapped() throws Exception {
        Minidump d = SynthMinidump.create().module(SynthModule.of(0x1000, 0x1000, "a"))
                .listCount(StreamEntry.MODULE_LIST, 1000).open();
        assertEquals(1, d.modules().size());
        assertTrue(notesMention(d, "ModuleList"));
    }

    @Test
    void unloadedModules() throws Exception {
        Minidump d = SynthMinidump.create().unloadedModule(0x10000, 0x2000, 0xabcdef, "gone.dll").open();
        UnloadedModule u = d.unloadedModules().get(0);
        assertEquals(new UnloadedModule(0x10000, 0x2000, 0, 0xabcdef, "gone.dll"), u);
        assertEquals("00ABCDEF2000", u.codeId());
    }

    // ------------------------------------------------------------------ exception, memory

    @Test
    void exceptionStream() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.X86, SynthMinidump.WINDOWS)
                .exception(0xbf4, 0xc0000005L, 0, 0x40429e, new long[] {1, 0x45}, SynthContext.x86().set("eip", 0x40429e).set("esp", 0x12fe84))
                .open();
        MinidumpException e = d.exception().orElseThrow();
        assertEquals(0xbf4, e.threadId());
        assertEquals(0xc0000005L, e.code());
        assertEquals(0x40429e, e.address());
        assertArrayEquals(new long[] {1, 0x45}, e.parameters());
        assertEquals(0x40429e, e.context().pc());
        assertEquals(0xbf4, d.crashingThreadId().getAsLong());
    }

    @Test
    void exceptionWithTooManyParametersAndNoContext() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .exception(1, 0xb, 0x45, null).patchStreamU32(StreamEntry.EXCEPTION, 32, 0xffff).open();
        MinidumpException e = d.exception().orElseThrow();
        assertEquals(15, e.parameters().length);
        assertNull(e.context());
        assertTrue(notesMention(d, "parameters declared"));
    }

    @Test
    void crashingThreadFallsBackToRequestingThread() throws Exception {
        Minidump d = SynthMinidump.create().breakpadInfo(7L, 9L).open();
        assertEquals(9, d.crashingThreadId().getAsLong());
        assertEquals(7, d.dumpThreadId().getAsLong());
        Minidump none = SynthMinidump.create().breakpadInfo(7L, null).open();
        assertTrue(none.requestingThreadId().isEmpty());
        assertTrue(none.crashingThreadId().isEmpty());
    }

    @Test
    void memoryListAndMemory64List() throws Exception {
        Minidump d = SynthMinidump.create()
                .memory(0x1000, stack(0x10, 1)).memory(0x5000, stack(0x20, 2))
                .memory64(0x9000, stack(0x30, 3)).memory64(0xa000, stack(0x8, 4)).open();
        MemoryList m = d.memory();
        assertEquals(4, m.regions().size());
        assertEquals(0x5000, m.regionAt(0x501f).baseAddress());
        assertNull(m.regionAt(0x5020));
        assertEquals(stack(0x30, 3)[0x2f] & 0xff, m.regionAt(0x902f).readU8(0x902f).getAsLong());
        assertEquals(stack(0x8, 4)[0] & 0xff, m.regionAt(0xa000).readU8(0xa000).getAsLong());
        assertNull(m.regionAt(0xa008));
        assertNull(m.regionAt(0));
    }

    @Test
    void memoryRegionsPastTheFileEndAreClamped() throws Exception {
        Minidump outside = SynthMinidump.create().memory(0x1000, stack(0x100, 1))
                .corrupt(p -> p.u32(p.rva(StreamEntry.MEMORY_LIST) + 16, 0x10000000L)).open();
        assertNull(outside.memory().regionAt(0x1000), "region data outside the file is dropped");
        assertTrue(notesMention(outside, "outside the file"));

        Minidump tooLong = SynthMinidump.create().memory(0x1000, stack(0x100, 1))
                .corrupt(p -> p.u32(p.rva(StreamEntry.MEMORY_LIST) + 12, 0x10000000L)).open();
        MemoryRegion clamped = tooLong.memory().regionAt(0x1000);
        assertTrue(clamped.size() >= 0x100 && clamped.size() < 0x10000000L, "clamped to the file");
        assertTrue(notesMention(tooLong, "file holds"));

        Minidump m64 = SynthMinidump.create().memory64(0x9000, stack(0x400, 3)).memory64(0xa000, stack(0x10, 1))
                .corrupt(p -> p.u64(p.rva(StreamEntry.MEMORY64_LIST) + 24, 1L << 40)).open();
        assertEquals(1, m64.memory().regions().size(), "later regions cannot be located");
        assertTrue(notesMention(m64, "Memory64List"));
    }

    @Test
    void memoryInfoList() throws Exception {
        Minidump d = SynthMinidump.create().memoryInfo(0x10000, 0x1000, MemoryInfo.MEM_COMMIT, 0x20, 0x1000000)
                .memoryInfo(0x20000, 0x1000, MemoryInfo.MEM_COMMIT, 0x04, 0x20000).open();
        assertEquals(2, d.memoryInfo().size());
        assertTrue(d.memoryInfoAt(0x10fff).orElseThrow().isExecutable());
        assertTrue(d.memoryInfoAt(0x20000).orElseThrow().isWritable());
        assertTrue(d.memoryInfoAt(0x30000).isEmpty());
    }

    // ------------------------------------------------------------------ process info

    @Test
    void miscBreakpadAndAssertion() throws Exception {
        Minidump d = SynthMinidump.create().miscInfo(3932, 1171480435)
                .assertion("format != nullptr", "common_vfprintf", "output.cpp", 32, 1).open();
        MiscInfo misc = d.miscInfo().orElseThrow();
        assertEquals(3932L, misc.processId());
        assertEquals(1171480435L, misc.processCreateTime());
        assertNull(misc.buildString());
        assertEquals(3932, d.processId().getAsLong());
        AssertionInfo a = d.assertion().orElseThrow();
        assertEquals(new AssertionInfo("format != nullptr", "common_vfprintf", "output.cpp", 32, 1), a);
        assertEquals("InvalidParameter", a.typeName());
    }

    @Test
    void shortFixedStreamsAreNotes() throws Exception {
        Minidump d = SynthMinidump.create().raw(StreamEntry.BREAKPAD_INFO, new byte[5])
                .raw(StreamEntry.ASSERTION_INFO, new byte[100]).raw(StreamEntry.MISC_INFO, new byte[8]).open();
        assertTrue(d.breakpadInfo().isEmpty());
        assertTrue(d.assertion().isEmpty());
        assertTrue(d.miscInfo().isEmpty());
        assertEquals(3, d.notes().size(), d.notes().toString());
    }

    // ------------------------------------------------------------------ Linux

    @Test
    void linuxStreams() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .linuxCpuInfo("processor\t: 0\nvendor_id\t: GenuineIntel\n")
                .linuxProcStatus("Name:\tcrashgen\nPid:\t4242\nPPid:\t1\n")
                .linuxLsbRelease("DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=16.04\nDISTRIB_DESCRIPTION=\"Ubuntu 16.04.3 LTS\"\n")
                .linuxCmdLine("/opt/app", "--flag")
                .linuxEnviron("HOME=/root", "LANG=C.UTF-8", "EMPTY=")
                .linuxAuxv(8, 33, 0x7ffd000, 6, 4096, 0, 0, 99, 99)
                .linuxMaps("00400000-0041a000 r-xp 00000000 08:01 1234 /work/crash\n7ffd0000-7ffd1000 rw-p 00000000 00:00 0 [stack]\nbogus\n")
                .linuxDsoDebug64(0x1111, 0x2222, 0x3333, new long[][] {{0x400000, 0x600e10}, {0x7f0000000000L, 0x7f00001dd000L}},
                        new String[] {"", "/lib/libc.so.6"})
                .open();
        assertTrue(d.linuxCpuInfo().orElseThrow().contains("GenuineIntel"));
        assertEquals("4242", d.linuxProcStatus().get("Pid"));
        assertEquals(4242, d.processId().getAsLong());
        assertEquals("Ubuntu 16.04.3 LTS", d.linuxLsbRelease().get("DISTRIB_DESCRIPTION"));
        assertEquals(List.of("/opt/app", "--flag"), d.linuxCmdLine());
        assertEquals("C.UTF-8", d.linuxEnviron().get("LANG"));
        assertEquals("", d.linuxEnviron().get("EMPTY"));
        assertEquals(List.of(new AuxvEntry(33, 0x7ffd000), new AuxvEntry(6, 4096), new AuxvEntry(0, 0)), d.linuxAuxv(),
                "stops at AT_NULL");
        List<LinuxMapping> maps = d.linuxMaps();
        assertEquals(2, maps.size());
        assertEquals(new LinuxMapping(0x400000, 0x41a000, "r-xp", 0, "08:01", 1234, "/work/crash"), maps.get(0));
        assertTrue(maps.get(0).isExecutable());
        assertEquals("[stack]", maps.get(1).path());
        assertTrue(notesMention(d, "unparsable"));
        DsoDebug dso = d.linuxDsoDebug().orElseThrow();
        assertEquals(0x1111, dso.brk());
        assertEquals(2, dso.linkMaps().size());
        assertEquals(new DsoDebug.LinkMap(0x7f0000000000L, "/lib/libc.so.6", 0x7f00001dd000L), dso.linkMaps().get(1));
    }

    @Test
    void dsoDebugWithLyingCount() throws Exception {
        Minidump d = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .linuxDsoDebug64(1, 2, 3, new long[][] {{1, 2}}, new String[] {"a"})
                .patchStreamU32(StreamEntry.LINUX_DSO_DEBUG, 8, 0xffffffffL).open();
        assertTrue(d.linuxDsoDebug().orElseThrow().linkMaps().size() <= 1 + d.fileSize() / 20);
        assertFalse(d.notes().isEmpty());
    }

    // ------------------------------------------------------------------ Crashpad and macOS

    @Test
    void crashpadInfo() throws Exception {
        Minidump d = SynthMinidump.create().crashpadInfo(new SynthCrashpad()
                .reportId("42F9DE72-518A-43DD-97D7-8DDC328D3662").clientId("6FD2B3B9-9833-4B2F-BBF7-0BCF501BAD7E")
                .simple("hello", "world")
                .module(16, m -> m.list("abort() called").simple("k", "v").annotation("exceptionReason", 1, "boom"))
                .module(3, m -> {}))
                .open();
        CrashpadInfo c = d.crashpadInfo().orElseThrow();
        assertEquals("42F9DE72-518A-43DD-97D7-8DDC328D3662", c.reportId());
        assertEquals("6FD2B3B9-9833-4B2F-BBF7-0BCF501BAD7E", c.clientId());
        assertEquals(Map.of("hello", "world"), c.simpleAnnotations());
        assertEquals(2, c.modules().size());
        CrashpadInfo.ModuleInfo m = c.modules().get(0);
        assertEquals(16, m.moduleIndex());
        assertEquals(List.of("abort() called"), m.listAnnotations());
        assertEquals(Map.of("k", "v"), m.simpleAnnotations());
        assertEquals("exceptionReason", m.annotationObjects().get(0).name());
        assertEquals(1, m.annotationObjects().get(0).type());
        assertEquals("boom", m.annotationObjects().get(0).stringValue());
        assertEquals(List.of(), c.modules().get(1).listAnnotations());
        assertEquals(List.of(), d.notes());
    }

    @Test
    void crashpadInfoWithBrokenPointers() throws Exception {
        Minidump d = SynthMinidump.create().crashpadInfo(new SynthCrashpad().simple("a", "b").module(1, m -> m.list("x")))
                .patchStreamU32(StreamEntry.CRASHPAD_INFO, 40, 0x7fffff00L) // simple annotations rva
                .patchStreamU32(StreamEntry.CRASHPAD_INFO, 48, 0x7fffff00L) // module list rva
                .open();
        CrashpadInfo c = d.crashpadInfo().orElseThrow();
        assertEquals(Map.of(), c.simpleAnnotations());
        assertEquals(List.of(), c.modules());
        assertTrue(notesMention(d, "outside the file"));
    }

    @Test
    void macCrashInfo() throws Exception {
        Minidump d = SynthMinidump.create().macCrashInfo("/usr/lib/libsystem_c.dylib", "abort() called", "second").open();
        List<MacCrashInfo> infos = d.macCrashInfo();
        assertEquals(2, infos.size());
        MacCrashInfo i = infos.get(0);
        assertEquals(5, i.version());
        assertEquals(0x1234, i.thread());
        assertEquals(0x99L, i.abortCause());
        assertEquals("/usr/lib/libsystem_c.dylib", i.modulePath());
        assertEquals("abort() called", i.message());
        assertEquals("sig", i.signatureString());
        assertEquals("bt", i.backtrace());
        assertEquals("msg2", i.message2());
        assertEquals("second", infos.get(1).message());

        Minidump bad = SynthMinidump.create().macCrashInfo("/x", "m").patchStreamU32(StreamEntry.MOZ_MACOS_CRASH_INFO, 4, 1000).open();
        assertEquals(1, bad.macCrashInfo().size());
        assertTrue(notesMention(bad, "records"));
    }

    // ------------------------------------------------------------------ truncation

    @Test
    void everyTruncationOfARichDumpIsHandled() throws Exception {
        byte[] full = SynthMinidump.create().systemInfo(Cpu.AMD64, SynthMinidump.LINUX)
                .thread(1, SynthContext.amd64().set("rip", 1).set("rsp", 0x7000), 0x7000, stack(64, 1))
                .module(SynthModule.of(0x400000, 0x1000, "/bin/a").elfBuildId("00112233445566778899aabbccddeeff"))
                .exception(1, 0xb, 0, SynthContext.amd64())
                .threadName(1, "main").linuxMaps("00400000-00401000 r-xp 00000000 08:01 1 /bin/a\n")
                .crashpadInfo(new SynthCrashpad().simple("a", "b").module(0, m -> m.list("x")))
                .miscInfo(1, 2).breakpadInfo(1L, 1L).build();
        for (int n = 0; n <= full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            Minidump d;
            try {
                d = Minidump.of(cut);
            } catch (MinidumpFormatException e) {
                assertTrue(n < 32 + 12 * 10, "only a cut header or directory is fatal, at " + n);
                continue;
            }
            AllAccessors.run(d);
            assertNotNull(d.notes());
        }
    }
}
