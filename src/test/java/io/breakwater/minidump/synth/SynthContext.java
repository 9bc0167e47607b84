package io.breakwater.minidump.synth;

import io.breakwater.minidump.Cpu;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CPU context record for {@link SynthMinidump}: pick a layout, set registers by their Breakpad
 * names, optionally override the flags, append XSAVE-style extension bytes or cut the record short.
 *
 * <pre>{@code SynthContext.amd64().set("rip", 0x401000).set("rsp", 0x7ff000)}</pre>
 *
 * By default the flags mark the control and integer registers valid (as Breakpad writers do).
 */
public final class SynthContext {

    /** Record layouts this builder can write. */
    public enum Layout { X86, AMD64, ARM, ARM64, ARM64_OLD }

    private final Layout layout;
    private final Map<String, Long> registers = new LinkedHashMap<>();
    private Long flags;
    private int extensionBytes;
    private Integer sizeOverride;

    private SynthContext(Layout layout) { this.layout = layout; }

    public static SynthContext x86() { return new SynthContext(Layout.X86); }

    public static SynthContext amd64() { return new SynthContext(Layout.AMD64); }

    public static SynthContext arm() { return new SynthContext(Layout.ARM); }

    /** Microsoft/Crashpad arm64 layout (flags 0x00400000). */
    public static SynthContext arm64() { return new SynthContext(Layout.ARM64); }

    /** Breakpad's original arm64 layout (64-bit flags 0x80000000), as old Android dumps carry. */
    public static SynthContext arm64Old() { return new SynthContext(Layout.ARM64_OLD); }

    public static SynthContext forCpu(Cpu cpu) {
        return switch (cpu) {
            case X86 -> x86();
            case AMD64 -> amd64();
            case ARM -> arm();
            case ARM64 -> arm64();
            default -> throw new IllegalArgumentException("no synthetic context for " + cpu);
        };
    }

    public Layout layout() { return layout; }

    /** Sets a register by its Breakpad name (x86 eip/esp/..., amd64 rip/rsp/..., arm r0..r12/sp/lr/pc, arm64 x0..x28/fp/lr/sp/pc). */
    public SynthContext set(String register, long value) {
        offset(register); // validates the name
        registers.put(register, value);
        return this;
    }

    /** Replaces the context flags written to the record (default: CPU bit | CONTROL | INTEGER). */
    public SynthContext flags(long flags) {
        this.flags = flags;
        return this;
    }

    /** Appends {@code bytes} of extended state after the classic record and sets the XSTATE flag (x86/amd64). */
    public SynthContext xstate(int bytes) {
        this.extensionBytes = bytes;
        return this;
    }

    /** Writes only the first {@code size} bytes of the record (a truncated context). */
    public SynthContext size(int size) {
        this.sizeOverride = size;
        return this;
    }

    int classicSize() {
        return switch (layout) {
            case X86 -> 716;
            case AMD64 -> 1232;
            case ARM -> 368;
            case ARM64 -> 912;
            case ARM64_OLD -> 796;
        };
    }

    long defaultFlags() {
        return switch (layout) {
            case X86 -> 0x00010003L;
            case AMD64 -> 0x00100003L;
            case ARM -> 0x40000002L;
            case ARM64 -> 0x00400003L;
            case ARM64_OLD -> 0x80000002L;
        };
    }

    private int offset(String r) {
        switch (layout) {
            case X86 -> {
                return switch (r) {
                    case "edi" -> 156; case "esi" -> 160; case "ebx" -> 164; case "edx" -> 168; case "ecx" -> 172;
                    case "eax" -> 176; case "ebp" -> 180; case "eip" -> 184; case "efl" -> 192; case "esp" -> 196;
                    default -> throw new IllegalArgumentException("unknown x86 register " + r);
                };
            }
            case AMD64 -> {
                return switch (r) {
                    case "rax" -> 120; case "rcx" -> 128; case "rdx" -> 136; case "rbx" -> 144; case "rsp" -> 152;
                    case "rbp" -> 160; case "rsi" -> 168; case "rdi" -> 176; case "rip" -> 248;
                    default -> {
                        if (r.matches("r([89]|1[0-5])")) yield 184 + 8 * (Integer.parseInt(r.substring(1)) - 8);
                        throw new IllegalArgumentException("unknown amd64 register " + r);
                    }
                };
            }
            case ARM -> {
                return switch (r) {
                    case "sp" -> 4 + 4 * 13; case "lr" -> 4 + 4 * 14; case "pc" -> 4 + 4 * 15;
                    default -> {
                        if (r.matches("r([0-9]|1[0-2])")) yield 4 + 4 * Integer.parseInt(r.substring(1));
                        throw new IllegalArgumentException("unknown arm register " + r);
                    }
                };
            }
            default -> {
                return switch (r) {
                    case "fp" -> 8 + 8 * 29; case "lr" -> 8 + 8 * 30; case "sp" -> 256; case "pc" -> 264;
                    default -> {
                        if (r.matches("x([0-9]|1[0-9]|2[0-8])")) yield 8 + 8 * Integer.parseInt(r.substring(1));
                        throw new IllegalArgumentException("unknown arm64 register " + r);
                    }
                };
            }
        }
    }

    private boolean wide() { return layout == Layout.AMD64 || layout == Layout.ARM64 || layout == Layout.ARM64_OLD; }

    /** The record bytes. */
    byte[] encode() {
        Buf p = new Buf();
        p.zeros(classicSize() + extensionBytes);
        long f = flags != null ? flags : defaultFlags() | (extensionBytes > 0 ? 0x40 : 0);
        switch (layout) {
            case AMD64 -> p.patchU32(48, f);
            case ARM64_OLD -> p.patchU64(0, f);
            default -> p.patchU32(0, f);
        }
        for (Map.Entry<String, Long> e : registers.entrySet()) {
            if (wide()) p.patchU64(offset(e.getKey()), e.getValue());
            else p.patchU32(offset(e.getKey()), e.getValue());
        }
        byte[] full = p.toByteArray();
        return sizeOverride == null ? full : java.util.Arrays.copyOf(full, sizeOverride);
    }
}
