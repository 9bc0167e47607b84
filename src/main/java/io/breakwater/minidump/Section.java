package io.breakwater.minidump;

/**
 * A declared byte range of the file (a stream or a located record) whose reads are checked against
 * both the range and the file. Offsets passed to the read methods are relative to the range start.
 */
final class Section {

    final ByteView view;
    final long start;
    final long length;

    Section(ByteView view, long start, long length) {
        this.view = view;
        this.start = start;
        this.length = length;
    }

    /**
     * The part of [rva, rva+size) that lies inside the file; {@code null} when nothing does.
     * Callers note truncation themselves by comparing {@link #length} with the declared size.
     */
    static Section clamp(ByteView view, long rva, long size) {
        if (rva < 0 || rva >= view.size() || size < 0) return null;
        return new Section(view, rva, Math.min(size, view.size() - rva));
    }

    boolean has(long offset, long size) {
        return offset >= 0 && size >= 0 && offset <= length && size <= length - offset;
    }

    private void check(long offset, long size) {
        if (!has(offset, size)) {
            throw new ByteView.OutOfBounds("read of " + size + " bytes at +" + offset
                    + " is outside a range of " + length + " bytes");
        }
    }

    int u8(long offset) { check(offset, 1); return view.u8(start + offset); }

    int u16(long offset) { check(offset, 2); return view.u16(start + offset); }

    long u32(long offset) { check(offset, 4); return view.u32(start + offset); }

    long u64(long offset) { check(offset, 8); return view.u64(start + offset); }

    byte[] bytes(long offset, int size) { check(offset, size); return view.bytes(start + offset, size); }

    /** A sub-range, checked to lie inside this one. */
    Section sub(long offset, long size) {
        check(offset, size);
        return new Section(view, start + offset, size);
    }

    /** How many records of {@code recordSize} fit after {@code headerSize} bytes. */
    long capacity(long headerSize, long recordSize) {
        if (recordSize <= 0 || length < headerSize) return 0;
        return (length - headerSize) / recordSize;
    }
}
