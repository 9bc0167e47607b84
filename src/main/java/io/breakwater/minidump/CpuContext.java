package io.breakwater.minidump;

import java.util.Map;

/**
 * One thread's registers. Register names follow Breakpad: x86 {@code eip esp ebp ebx esi edi eax ecx edx efl},
 * amd64 {@code rax rdx rcx rbx rsi rdi rbp rsp r8..r15 rip}, arm {@code r0..r12 sp lr pc}, arm64
 * {@code x0..x28 fp lr sp pc}. {@code registers} iterates in that canonical order and holds only
 * registers whose values are known.
 */
public record CpuContext(Cpu cpu, long contextFlags, Map<String, Long> registers) {

    public boolean has(String name) { return registers.containsKey(name); }

    /** Value of a known register; callers check {@link #has} first for registers that may be absent. */
    public long get(String name) {
        Long v = registers.get(name);
        if (v == null) throw new IllegalArgumentException("register not available: " + name);
        return v;
    }

    public String pcName() {
        return switch (cpu) {
            case X86 -> "eip";
            case AMD64 -> "rip";
            default -> "pc";
        };
    }

    public String spName() {
        return switch (cpu) {
            case X86 -> "esp";
            case AMD64 -> "rsp";
            default -> "sp";
        };
    }

    public long pc() { return get(pcName()); }

    public long sp() { return get(spName()); }
}
