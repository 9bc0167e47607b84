package io.breakwater.minidump;

/** CPU families a minidump can describe, named as Breakpad and rust-minidump print them. */
public enum Cpu {
    X86("x86"), AMD64("amd64"), ARM("arm"), ARM64("arm64"), PPC("ppc"), PPC64("ppc64"),
    SPARC("sparc"), MIPS("mips"), MIPS64("mips64"), UNKNOWN("unknown");

    private final String breakpadName;

    Cpu(String breakpadName) { this.breakpadName = breakpadName; }

    public String breakpadName() { return breakpadName; }

    public int pointerSize() {
        return switch (this) {
            case AMD64, ARM64, PPC64, MIPS64 -> 8;
            default -> 4;
        };
    }
}
