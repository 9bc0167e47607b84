package io.breakwater.stackwalk;

import io.breakwater.minidump.MemoryRegion;

import java.util.OptionalLong;

/** A little-endian memory region over a byte array, with helpers to lay out stack words. */
final class TestMemory implements MemoryRegion {

    private final long base;
    private final byte[] bytes;

    TestMemory(long base, int size) {
        this.base = base;
        this.bytes = new byte[size];
    }

    TestMemory put64(long address, long value) {
        int o = offset(address, 8);
        for (int i = 0; i < 8; i++) bytes[o + i] = (byte) (value >>> (8 * i));
        return this;
    }

    TestMemory put32(long address, long value) {
        int o = offset(address, 4);
        for (int i = 0; i < 4; i++) bytes[o + i] = (byte) (value >>> (8 * i));
        return this;
    }

    private int offset(long address, int len) {
        if (!contains(address, len)) throw new IllegalArgumentException("outside test memory: " + Long.toHexString(address));
        return (int) (address - base);
    }

    @Override public long baseAddress() { return base; }

    @Override public long size() { return bytes.length; }

    private OptionalLong read(long address, int len) {
        if (!contains(address, len)) return OptionalLong.empty();
        int o = (int) (address - base);
        long v = 0;
        for (int i = len - 1; i >= 0; i--) v = (v << 8) | (bytes[o + i] & 0xFF);
        return OptionalLong.of(v);
    }

    @Override public OptionalLong readU8(long address) { return read(address, 1); }

    @Override public OptionalLong readU16(long address) { return read(address, 2); }

    @Override public OptionalLong readU32(long address) { return read(address, 4); }

    @Override public OptionalLong readU64(long address) { return read(address, 8); }

    @Override
    public byte[] readBytes(long address, int length) {
        if (!contains(address, length)) return null;
        int o = (int) (address - base);
        return java.util.Arrays.copyOfRange(bytes, o, o + length);
    }
}
