package io.breakwater.minidump;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only, bounds-checked little-endian view of a whole minidump. Files are memory-mapped in
 * chunks (a single ByteBuffer cannot exceed 2 GiB); nothing is copied. Every read checks its range
 * against the file and throws {@link OutOfBounds} otherwise.
 */
final class ByteView {

    /** A read outside the file or outside a declared range. Internal: decoders turn it into notes. */
    static final class OutOfBounds extends RuntimeException {
        OutOfBounds(String message) { super(message, null, false, false); }
    }

    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_SIZE = 1L << CHUNK_SHIFT;
    private static final long CHUNK_MASK = CHUNK_SIZE - 1;

    private final ByteBuffer[] chunks;
    private final long size;

    private ByteView(ByteBuffer[] chunks, long size) {
        this.chunks = chunks;
        this.size = size;
    }

    static ByteView of(byte[] bytes) {
        return new ByteView(new ByteBuffer[] {ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)}, bytes.length);
    }

    static ByteView map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int count = (int) Math.max(1, (size + CHUNK_SIZE - 1) >>> CHUNK_SHIFT);
            ByteBuffer[] chunks = new ByteBuffer[count];
            for (int i = 0; i < count; i++) {
                long start = (long) i << CHUNK_SHIFT;
                long length = Math.min(CHUNK_SIZE, size - start);
                chunks[i] = length <= 0 ? ByteBuffer.allocate(0)
                        : channel.map(FileChannel.MapMode.READ_ONLY, start, length).order(ByteOrder.LITTLE_ENDIAN);
            }
            return new ByteView(chunks, size);
        }
    }

    long size() { return size; }

    /** True when [offset, offset+length) lies inside the file (unsigned-safe for huge values). */
    boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    private void check(long offset, long length) {
        if (!contains(offset, length)) {
            throw new OutOfBounds("read of " + length + " bytes at 0x" + Long.toHexString(offset)
                    + " is outside the file (size " + size + ")");
        }
    }

    int u8(long offset) {
        check(offset, 1);
        return chunks[(int) (offset >>> CHUNK_SHIFT)].get((int) (offset & CHUNK_MASK)) & 0xff;
    }

    int u16(long offset) {
        check(offset, 2);
        int index = (int) (offset & CHUNK_MASK);
        ByteBuffer chunk = chunks[(int) (offset >>> CHUNK_SHIFT)];
        if (index + 2 <= chunk.limit()) return chunk.getShort(index) & 0xffff;
        return u8(offset) | (u8(offset + 1) << 8);
    }

    long u32(long offset) {
        check(offset, 4);
        int index = (int) (offset & CHUNK_MASK);
        ByteBuffer chunk = chunks[(int) (offset >>> CHUNK_SHIFT)];
        if (index + 4 <= chunk.limit()) return chunk.getInt(index) & 0xffffffffL;
        return u16(offset) | ((long) u16(offset + 2) << 16);
    }

    long u64(long offset) {
        check(offset, 8);
        int index = (int) (offset & CHUNK_MASK);
        ByteBuffer chunk = chunks[(int) (offset >>> CHUNK_SHIFT)];
        if (index + 8 <= chunk.limit()) return chunk.getLong(index);
        return u32(offset) | (u32(offset + 4) << 32);
    }

    /** Copies {@code length} bytes; callers bound {@code length} before asking. */
    byte[] bytes(long offset, int length) {
        check(offset, length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = offset + done;
            ByteBuffer chunk = chunks[(int) (at >>> CHUNK_SHIFT)];
            int index = (int) (at & CHUNK_MASK);
            int n = Math.min(length - done, chunk.limit() - index);
            chunk.get(index, out, done, n);
            done += n;
        }
        return out;
    }
}
