package io.breakwater.minidump;

/** An entry of the MemoryInfoList stream (a region of the address space and its protection). */
public record MemoryInfo(long baseAddress, long allocationBase, long allocationProtection, long regionSize,
                         long state, long protection, long type) {

    public static final long MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_FREE = 0x10000;

    public boolean contains(long address) {
        long offset = address - baseAddress;
        return Long.compareUnsigned(offset, regionSize) < 0;
    }

    /** PAGE_EXECUTE* protections (masking guard/nocache bits). */
    public boolean isExecutable() {
        long p = protection & 0xff;
        return (p & (0x10 | 0x20 | 0x40 | 0x80)) != 0;
    }

    public boolean isWritable() {
        long p = protection & 0xff;
        return (p & (0x04 | 0x08 | 0x40 | 0x80)) != 0;
    }

    public boolean isCommitted() { return state == MEM_COMMIT; }
}
