package io.breakwater.minidump.synth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer with patching, used to lay out synthetic dumps. */
final class Buf {

    private byte[] data = new byte[4096];
    private int size;

    int pos() { return size; }

    byte[] toByteArray() { return Arrays.copyOf(data, size); }

    private void ensure(int extra) {
        if (size + extra > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, size + extra));
    }

    Buf u8(long v) {
        ensure(1);
        data[size++] = (byte) v;
        return this;
    }

    Buf u16(long v) { return u8(v).u8(v >>> 8); }

    Buf u32(long v) { return u16(v).u16(v >>> 16); }

    Buf u64(long v) { return u32(v).u32(v >>> 32); }

    Buf bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, data, size, b.length);
        size += b.length;
        return this;
    }

    Buf zeros(int n) {
        ensure(n);
        size += n;
        return this;
    }

    Buf align(int n) {
        while (size % n != 0) u8(0);
        return this;
    }

    void patchU8(int at, long v) { data[at] = (byte) v; }

    void patchU16(int at, long v) {
        patchU8(at, v);
        patchU8(at + 1, v >>> 8);
    }

    void patchU32(int at, long v) {
        patchU16(at, v);
        patchU16(at + 2, v >>> 16);
    }

    void patchU64(int at, long v) {
        patchU32(at, v);
        patchU32(at + 4, v >>> 32);
    }

    /** Writes a MINIDUMP_STRING (u32 byte length, UTF-16LE, NUL) and returns its offset. */
    int minidumpString(String s) {
        align(4);
        int at = pos();
        byte[] utf16 = s.getBytes(StandardCharsets.UTF_16LE);
        u32(utf16.length).bytes(utf16).u16(0);
        return at;
    }

    /** Writes a Crashpad MinidumpUTF8String (u32 length, bytes, NUL) and returns its offset. */
    int utf8String(String s) {
        align(4);
        int at = pos();
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length).bytes(utf8).u8(0);
        return at;
    }

    /** Writes raw bytes 4-aligned and returns their offset. */
    int blob(byte[] b) {
        align(4);
        int at = pos();
        bytes(b);
        return at;
    }
}
