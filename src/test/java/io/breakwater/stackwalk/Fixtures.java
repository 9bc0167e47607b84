package io.breakwater.stackwalk;

import io.breakwater.minidump.Cpu;
import io.breakwater.minidump.CpuContext;
import io.breakwater.minidump.MemoryRegion;
import io.breakwater.minidump.MinidumpException;
import io.breakwater.minidump.MinidumpModule;
import io.breakwater.minidump.MinidumpThread;
import io.breakwater.minidump.SystemInfo;
import io.breakwater.symbols.ModuleSymbols;
import io.breakwater.symbols.SymbolSupplier;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for hand-made dumps. */
final class Fixtures {

    private Fixtures() {}

    static SystemInfo linux(Cpu cpu) {
        int arch = switch (cpu) {
            case X86 -> 0;
            case ARM -> 5;
            case AMD64 -> 9;
            case ARM64 -> 12;
            default -> 0xffff;
        };
        return new SystemInfo(cpu, arch, 6, 0x0102, 4, 0, 0, 0, 0, CrashReason.OS_LINUX,
                "Linux 6.1.0 #1 SMP x86_64", "Linux", "0.0.0 Linux 6.1.0 #1 SMP x86_64", null, null);
    }

    static SystemInfo windows(Cpu cpu) {
        int arch = cpu == Cpu.X86 ? 0 : cpu == Cpu.AMD64 ? 9 : 12;
        return new SystemInfo(cpu, arch, 6, 0x0d08, 1, 1, 10, 0, 19041, CrashReason.OS_WIN32_NT, "",
                "Windows NT", "10.0.19041 ", "GenuineIntel", null);
    }

    static MinidumpModule module(String name, long base, long size) {
        return new MinidumpModule(base, size, 0, 0, "/usr/lib/" + name, "00", name, name.toUpperCase() + "ID", null);
    }

    /** Registers in the order given: name, value, name, value, ... */
    static CpuContext context(Cpu cpu, Object... nameValues) {
        Map<String, Long> regs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            regs.put((String) nameValues[i], ((Number) nameValues[i + 1]).longValue());
        }
        return new CpuContext(cpu, 0, regs);
    }

    static MinidumpThread thread(long id, CpuContext context, MemoryRegion stack) {
        return new MinidumpThread(id, 0, 0, 0, 0, context, stack);
    }

    static DumpContents dump(SystemInfo sys, List<MinidumpThread> threads, List<MinidumpModule> modules,
                             MinidumpException exception) {
        return new DumpContents(sys, threads, Map.of(), modules, exception, null, null, null, DumpExtras.NONE);
    }

    /** Serves the given symbols by debug file name; everything else is missing. */
    static SymbolSupplier supplier(Map<String, ModuleSymbols> byDebugFile) {
        Map<String, ModuleSymbols> copy = new HashMap<>(byDebugFile);
        return (debugFile, debugId) -> {
            ModuleSymbols s = copy.get(debugFile);
            return s == null ? SymbolSupplier.SymbolResult.missing() : SymbolSupplier.SymbolResult.loaded(s);
        };
    }
}
