package io.breakwater.minidump;

import java.util.OptionalLong;

/** A block of the crashed process's memory captured in the dump. Reads outside it return empty. */
public interface MemoryRegion {

    long baseAddress();

    long size();

    /**
     * Where the bytes start in the dump file, or -1 when unknown. Regions with equal base, size and file
     * offset hold the same bytes, which lets a walker share work between threads that point at one stack.
     */
    default long fileOffset() { return -1; }

    default boolean contains(long address, int length) {
        long offset = address - baseAddress();
        return offset >= 0 && length >= 0 && Long.compareUnsigned(offset, size()) < 0
                && Long.compareUnsigned(offset + length, size()) <= 0;
    }

    OptionalLong readU8(long address);

    OptionalLong readU16(long address);

    OptionalLong readU32(long address);

    OptionalLong readU64(long address);

    /** A copy of {@code length} bytes at {@code address}, or null when not fully inside the region. */
    byte[] readBytes(long address, int length);
}
