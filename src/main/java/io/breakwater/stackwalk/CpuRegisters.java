package io.breakwater.stackwalk;

import io.breakwater.minidump.Cpu;

import java.util.HashMap;
import java.util.Map;

/**
 * The integer registers the walker tracks for one CPU family, in Breakpad's canonical order, with the
 * aliases symbol files use for them ({@code $rsp}, {@code x29} for arm64 {@code fp}, ...).
 */
public final class CpuRegisters {

    public static final CpuRegisters AMD64 = new CpuRegisters(Cpu.AMD64, 8,
            new String[] {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11",
                          "r12", "r13", "r14", "r15", "rip"},
            "rip", "rsp", "rbp", new String[] {"rbx", "rbp", "r12", "r13", "r14", "r15"}, new String[0]);

    public static final CpuRegisters X86 = new CpuRegisters(Cpu.X86, 4,
            new String[] {"eip", "esp", "ebp", "ebx", "esi", "edi", "eax", "ecx", "edx", "efl"},
            "eip", "esp", "ebp", new String[] {"ebp", "ebx", "esi", "edi"}, new String[] {"eflags", "efl"});

    public static final CpuRegisters ARM = new CpuRegisters(Cpu.ARM, 4,
            new String[] {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12",
                          "sp", "lr", "pc"},
            "pc", "sp", "r11", new String[] {"r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11"},
            new String[] {"r13", "sp", "r14", "lr", "r15", "pc", "fp", "r11"});

    public static final CpuRegisters ARM64 = new CpuRegisters(Cpu.ARM64, 8, arm64Names(),
            "pc", "sp", "fp",
            new String[] {"x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "fp"},
            new String[] {"x29", "fp", "x30", "lr", "x31", "sp", "x32", "pc"});

    private final Cpu cpu;
    private final int wordSize;
    private final String[] names;
    private final Map<String, Integer> index = new HashMap<>();
    private final int pc;
    private final int sp;
    private final int fp;
    private final boolean[] calleeSaved;

    private CpuRegisters(Cpu cpu, int wordSize, String[] names, String pc, String sp, String fp,
                         String[] calleeSaved, String[] aliasPairs) {
        this.cpu = cpu;
        this.wordSize = wordSize;
        this.names = names;
        for (int i = 0; i < names.length; i++) index.put(names[i], i);
        for (int i = 0; i + 1 < aliasPairs.length; i += 2) index.put(aliasPairs[i], index.get(aliasPairs[i + 1]));
        this.pc = index.get(pc);
        this.sp = index.get(sp);
        this.fp = index.get(fp);
        this.calleeSaved = new boolean[names.length];
        for (String r : calleeSaved) this.calleeSaved[index.get(r)] = true;
    }

    private static String[] arm64Names() {
        String[] n = new String[33];
        for (int i = 0; i < 29; i++) n[i] = "x" + i;
        n[29] = "fp";
        n[30] = "lr";
        n[31] = "sp";
        n[32] = "pc";
        return n;
    }

    public static CpuRegisters forCpu(Cpu cpu) {
        return switch (cpu) {
            case AMD64 -> AMD64;
            case X86 -> X86;
            case ARM -> ARM;
            case ARM64 -> ARM64;
            default -> null;
        };
    }

    public Cpu cpu() { return cpu; }

    public int wordSize() { return wordSize; }

    public int count() { return names.length; }

    public String name(int i) { return names[i]; }

    public int pcIndex() { return pc; }

    public int spIndex() { return sp; }

    public int fpIndex() { return fp; }

    public boolean isCalleeSaved(int i) { return calleeSaved[i]; }

    /**
     * Index of a register named as in a symbol file or context ("$rbp", "rbp", "x29"), or -1.
     */
    public int indexOf(String name) {
        if (name == null || name.isEmpty()) return -1;
        Integer i = index.get(name);
        if (i == null && name.charAt(0) == '$') i = index.get(name.substring(1));
        return i == null ? -1 : i;
    }
}
