package io.breakwater.minidump;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes CPU context records (Microsoft CONTEXT structures and Breakpad's extensions) into
 * {@link CpuContext}. Only the classic part of each layout is read, so XSAVE/CET-extended contexts
 * (larger than the classic size) decode the same way.
 */
final class ContextReader {

    static final long CPU_MASK = 0xffffff00L;
    static final long X86_FLAG = 0x00010000L;
    static final long AMD64_FLAG = 0x00100000L;
    static final long ARM_FLAG = 0x40000000L;
    static final long ARM_WINDOWS_FLAG = 0x00200000L;
    static final long ARM64_FLAG = 0x00400000L;
    static final long ARM64_OLD_FLAG = 0x80000000L;

    static final int X86_CLASSIC_SIZE = 716;
    static final int AMD64_CLASSIC_SIZE = 1232;
    static final int ARM_CLASSIC_SIZE = 368;
    static final int ARM64_CLASSIC_SIZE = 912;
    static final int ARM64_OLD_CLASSIC_SIZE = 796;

    /** Bytes that must be present to read every register we expose. */
    private static final int X86_MIN = 204;
    private static final int AMD64_MIN = 256;
    private static final int ARM_MIN = 72;
    private static final int ARM64_MIN = 272;

    private static final long CONTROL = 0x1;
    private static final long INTEGER = 0x2;

    private static final String[] X86_CONTROL = {"eip", "esp", "ebp", "efl"};
    private static final String[] X86_ORDER = {"eip", "esp", "ebp", "ebx", "esi", "edi", "eax", "ecx", "edx", "efl"};
    private static final Map<String, Integer> X86_OFFSETS = Map.of(
            "eip", 184, "esp", 196, "ebp", 180, "ebx", 164, "esi", 160, "edi", 156,
            "eax", 176, "ecx", 172, "edx", 168, "efl", 192);

    private static final String[] AMD64_ORDER = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip"};
    private static final String[] AMD64_CONTROL = {"rsp", "rip"};
    private static final Map<String, Integer> AMD64_OFFSETS = Map.ofEntries(
            Map.entry("rax", 120), Map.entry("rcx", 128), Map.entry("rdx", 136), Map.entry("rbx", 144),
            Map.entry("rsp", 152), Map.entry("rbp", 160), Map.entry("rsi", 168), Map.entry("rdi", 176),
            Map.entry("r8", 184), Map.entry("r9", 192), Map.entry("r10", 200), Map.entry("r11", 208),
            Map.entry("r12", 216), Map.entry("r13", 224), Map.entry("r14", 232), Map.entry("r15", 240),
            Map.entry("rip", 248));

    private static final String[] ARM_ORDER = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
            "r10", "r11", "r12", "sp", "lr", "pc"};
    private static final String[] ARM_CONTROL = {"sp", "lr", "pc"};

    private static final String[] ARM64_ORDER = new String[33];
    private static final String[] ARM64_CONTROL = {"fp", "lr", "sp", "pc"};

    static {
        for (int i = 0; i <= 28; i++) ARM64_ORDER[i] = "x" + i;
        ARM64_ORDER[29] = "fp";
        ARM64_ORDER[30] = "lr";
        ARM64_ORDER[31] = "sp";
        ARM64_ORDER[32] = "pc";
    }

    private ContextReader() {}

    /**
     * Reads the context in {@code data}. {@code hint} is the SystemInfo CPU (UNKNOWN when absent) and
     * decides between layouts when the flags carry no CPU bits. Returns null, with a note, when the
     * record is too small or of an unsupported CPU.
     */
    static CpuContext read(Section data, Cpu hint, Consumer<String> note, String label) {
        long size = data.length;
        long flags0 = size >= 4 ? data.u32(0) : 0;
        long cpu0 = flags0 & CPU_MASK;
        long cpu48 = size >= 52 ? data.u32(48) & CPU_MASK : 0;

        Cpu cpu = switch (hint) {
            case AMD64 -> cpu48 == AMD64_FLAG || (cpu0 == 0 && cpu48 == 0 && size >= AMD64_CLASSIC_SIZE) ? Cpu.AMD64 : null;
            case X86 -> cpu0 == X86_FLAG || (cpu0 == 0 && size >= X86_MIN && size < AMD64_CLASSIC_SIZE) ? Cpu.X86 : null;
            case ARM -> cpu0 == ARM_FLAG || cpu0 == ARM_WINDOWS_FLAG || (cpu0 == 0 && size >= ARM_MIN) ? Cpu.ARM : null;
            case ARM64 -> cpu0 == ARM64_FLAG || cpu0 == ARM64_OLD_FLAG || (cpu0 == 0 && size >= ARM64_MIN) ? Cpu.ARM64 : null;
            default -> null;
        };
        if (cpu == null) {
            cpu = sniff(cpu0, cpu48, size);
            if (cpu == null) {
                note.accept(label + ": context of " + size + " bytes with flags " + Strings.hex(flags0)
                        + " is not a supported CPU context" + (hint == Cpu.UNKNOWN ? "" : " (SystemInfo says " + hint.breakpadName() + ")"));
                return null;
            }
            if (hint != Cpu.UNKNOWN) {
                note.accept(label + ": context flags say " + cpu.breakpadName() + " but SystemInfo says " + hint.breakpadName());
            }
        }
        return switch (cpu) {
            case X86 -> x86(data, note, label);
            case AMD64 -> amd64(data, note, label);
            case ARM -> arm(data, note, label);
            case ARM64 -> arm64(data, note, label);
            default -> null;
        };
    }

    private static Cpu sniff(long cpu0, long cpu48, long size) {
        if (cpu48 == AMD64_FLAG && size >= AMD64_MIN && cpu0 != X86_FLAG) return Cpu.AMD64;
        if (cpu0 == X86_FLAG) return Cpu.X86;
        if (cpu0 == ARM_FLAG || cpu0 == ARM_WINDOWS_FLAG) return Cpu.ARM;
        if (cpu0 == ARM64_FLAG || cpu0 == ARM64_OLD_FLAG) return Cpu.ARM64;
        if (cpu0 == 0 && cpu48 == 0) {
            // No CPU bits anywhere: only the classic sizes identify the layout.
            if (size == X86_CLASSIC_SIZE) return Cpu.X86;
            if (size == AMD64_CLASSIC_SIZE) return Cpu.AMD64;
            if (size == ARM_CLASSIC_SIZE) return Cpu.ARM;
            if (size == ARM64_CLASSIC_SIZE || size == ARM64_OLD_CLASSIC_SIZE) return Cpu.ARM64;
        }
        return null;
    }

    private static boolean tooSmall(Section data, int min, int classic, Cpu cpu, Consumer<String> note, String label) {
        if (data.length < min) {
            note.accept(label + ": " + cpu.breakpadName() + " context has " + data.length + " bytes, need at least " + min);
            return true;
        }
        if (data.length < classic) {
            note.accept(label + ": " + cpu.breakpadName() + " context has " + data.length
                    + " bytes, shorter than the classic " + classic + "; reading the registers present");
        }
        return false;
    }

    private static CpuContext x86(Section data, Consumer<String> note, String label) {
        if (tooSmall(data, X86_MIN, X86_CLASSIC_SIZE, Cpu.X86, note, label)) return null;
        long flags = data.u32(0);
        Map<String, Long> all = new LinkedHashMap<>();
        for (String name : X86_ORDER) all.put(name, data.u32(X86_OFFSETS.get(name)));
        return build(Cpu.X86, flags, all, X86_CONTROL, flags & (CONTROL | INTEGER), note, label);
    }

    private static CpuContext amd64(Section data, Consumer<String> note, String label) {
        if (tooSmall(data, AMD64_MIN, AMD64_CLASSIC_SIZE, Cpu.AMD64, note, label)) return null;
        long flags = data.u32(48);
        Map<String, Long> all = new LinkedHashMap<>();
        for (String name : AMD64_ORDER) all.put(name, data.u64(AMD64_OFFSETS.get(name)));
        return build(Cpu.AMD64, flags, all, AMD64_CONTROL, flags & (CONTROL | INTEGER), note, label);
    }

    private static CpuContext arm(Section data, Consumer<String> note, String label) {
        if (tooSmall(data, ARM_MIN, ARM_CLASSIC_SIZE, Cpu.ARM, note, label)) return null;
        long flags = data.u32(0);
        Map<String, Long> all = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) all.put(ARM_ORDER[i], data.u32(4 + 4L * i));
        long groups = flags & (CONTROL | INTEGER);
        // Breakpad's ARM writers never set CONTROL; their INTEGER flag covers sp, lr and pc too.
        if ((flags & CPU_MASK) == ARM_FLAG && (groups & INTEGER) != 0) groups |= CONTROL;
        return build(Cpu.ARM, flags, all, ARM_CONTROL, groups, note, label);
    }

    private static CpuContext arm64(Section data, Consumer<String> note, String label) {
        // The old Breakpad layout stores 64-bit flags; its register block has the same offsets.
        long flags = data.length >= 4 ? data.u32(0) : 0;
        boolean old = (flags & CPU_MASK) == ARM64_OLD_FLAG;
        int classic = old || data.length == ARM64_OLD_CLASSIC_SIZE ? ARM64_OLD_CLASSIC_SIZE : ARM64_CLASSIC_SIZE;
        if (tooSmall(data, ARM64_MIN, classic, Cpu.ARM64, note, label)) return null;
        if (old) flags = data.u64(0);
        Map<String, Long> all = new LinkedHashMap<>();
        for (int i = 0; i < 33; i++) all.put(ARM64_ORDER[i], data.u64(8 + 8L * i));
        long groups = flags & (CONTROL | INTEGER);
        // The old layout defines no CONTROL flag; its INTEGER flag covers fp, lr, sp and pc.
        if (old && (groups & INTEGER) != 0) groups |= CONTROL;
        return build(Cpu.ARM64, flags, all, ARM64_CONTROL, groups, note, label);
    }

    private static CpuContext build(Cpu cpu, long flags, Map<String, Long> all, String[] controlNames,
                                    long groups, Consumer<String> note, String label) {
        if ((groups & CONTROL) == 0) {
            // Without the control group there is no pc/sp. Breakpad's macOS writer sets only the CPU
            // bit yet fills every register, so trusting the values beats discarding the thread; only
            // a flag word that names some groups but not the control one is worth a note.
            if (groups != 0) {
                note.accept(label + ": context flags " + Strings.hex(flags) + " do not mark the control registers valid;"
                        + " treating all registers as valid");
            }
            return new CpuContext(cpu, flags, Collections.unmodifiableMap(all));
        }
        java.util.Set<String> control = java.util.Set.of(controlNames);
        Map<String, Long> valid = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : all.entrySet()) {
            boolean isControl = control.contains(e.getKey());
            if (isControl || (groups & INTEGER) != 0) valid.put(e.getKey(), e.getValue());
        }
        return new CpuContext(cpu, flags, Collections.unmodifiableMap(valid));
    }
}
