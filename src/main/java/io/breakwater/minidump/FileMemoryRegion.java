package io.breakwater.minidump;

import java.util.OptionalLong;

/** Process memory captured in the dump, read straight from the mapped file. */
final class FileMemoryRegion implements MemoryRegion {

    private final long base;
    private final Section data;

    FileMemoryRegion(long base, Section data) {
        this.base = base;
        this.data = data;
    }

    @Override public long baseAddress() { return base; }

    @Override public long size() { return data.length; }

    @Override public long fileOffset() { return data.start; }

    /** Offset of {@code address} in the region, or -1 when [address, address+length) is not inside it. */
    private long offsetOf(long address, int length) {
        long offset = address - base;
        if (Long.compareUnsigned(offset, data.length) >= 0 || length > data.length - offset) return -1;
        return offset;
    }

    @Override
    public OptionalLong readU8(long address) {
        long at = offsetOf(address, 1);
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(data.u8(at));
    }

    @Override
    public OptionalLong readU16(long address) {
        long at = offsetOf(address, 2);
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(data.u16(at));
    }

    @Override
    public OptionalLong readU32(long address) {
        long at = offsetOf(address, 4);
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(data.u32(at));
    }

    @Override
    public OptionalLong readU64(long address) {
        long at = offsetOf(address, 8);
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(data.u64(at));
    }

    @Override
    public byte[] readBytes(long address, int length) {
        if (length < 0) return null;
        long at = offsetOf(address, length);
        return at < 0 ? null : data.bytes(at, length);
    }

    @Override
    public String toString() {
        return "MemoryRegion[" + Strings.hex(base) + ", " + data.length + " bytes]";
    }
}
