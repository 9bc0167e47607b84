package io.breakwater.symbols;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * All names of one symbol file in one byte array: each entry is a varint length followed by the raw
 * (normally UTF-8) bytes, referenced by its int offset. Strings become Java objects only when a lookup
 * returns them. Optional de-duplication (for the highly repetitive CFI rules and STACK WIN programs)
 * uses an open-addressing table that exists only while building.
 */
final class StringPool {

    /** Offsets are ints; keep clear of the VM's array size limit. */
    static final int MAX_BYTES = Integer.MAX_VALUE - 64;

    private byte[] data;
    private int size;
    private int[] table;      // dedupe: entry offset + 1, 0 = empty
    private int tableCount;

    StringPool(int initialCapacity) {
        data = new byte[Math.max(64, initialCapacity)];
    }

    /** Adds {@code len} bytes of {@code src} and returns the reference. */
    int add(byte[] src, int off, int len) {
        int ref = size;
        ensure(5 + len);
        int p = writeVarint(size, len);
        System.arraycopy(src, off, data, p, len);
        size = p + len;
        return ref;
    }

    /** Like {@link #add} but returns the existing reference when the same bytes were added this way before. */
    int addShared(byte[] src, int off, int len) {
        if (table == null) {
            table = new int[1024];
        }
        int h = hash(src, off, len);
        int mask = table.length - 1;
        int slot = h & mask;
        while (true) {
            int entry = table[slot];
            if (entry == 0) {
                break;
            }
            if (sameBytes(entry - 1, src, off, len)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        int ref = add(src, off, len);
        table[slot] = ref + 1;
        if (++tableCount * 2 > table.length) {
            rehash();
        }
        return ref;
    }

    String get(int ref) {
        if (ref < 0) {
            return null;
        }
        int len = 0;
        int shift = 0;
        int p = ref;
        while (true) {
            byte b = data[p++];
            len |= (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
            shift += 7;
        }
        return new String(data, p, len, StandardCharsets.UTF_8);
    }

    /** Start of the bytes of {@code ref}; the length is {@link #length}. */
    int bytesStart(int ref) {
        int p = ref;
        while (data[p] < 0) {
            p++;
        }
        return p + 1;
    }

    int length(int ref) {
        int len = 0;
        int shift = 0;
        int p = ref;
        while (true) {
            byte b = data[p++];
            len |= (b & 0x7f) << shift;
            if (b >= 0) {
                return len;
            }
            shift += 7;
        }
    }

    byte[] bytes() {
        return data;
    }

    int size() {
        return size;
    }

    /** Drops the build-time table and trims the array to its content. */
    void freeze() {
        table = null;
        tableCount = 0;
        if (data.length != size) {
            data = Arrays.copyOf(data, size);
        }
    }

    long estimatedBytes() {
        return 16L + data.length + (table == null ? 0 : 16L + 4L * table.length);
    }

    private int writeVarint(int p, int v) {
        while ((v & ~0x7f) != 0) {
            data[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        data[p++] = (byte) v;
        return p;
    }

    private void ensure(int extra) {
        long need = (long) size + extra;
        if (need > MAX_BYTES) {
            throw new SymbolLimitException("symbol names exceed " + MAX_BYTES + " bytes");
        }
        if (need > data.length) {
            long grown = Math.max(need, (long) data.length + (data.length >> 1) + 64);
            data = Arrays.copyOf(data, (int) Math.min(grown, MAX_BYTES));
        }
    }

    private boolean sameBytes(int ref, byte[] src, int off, int len) {
        if (length(ref) != len) {
            return false;
        }
        int p = bytesStart(ref);
        return Arrays.equals(data, p, p + len, src, off, off + len);
    }

    private void rehash() {
        int[] old = table;
        int[] fresh = new int[old.length * 2];
        int mask = fresh.length - 1;
        for (int entry : old) {
            if (entry == 0) {
                continue;
            }
            int ref = entry - 1;
            int slot = hash(data, bytesStart(ref), length(ref)) & mask;
            while (fresh[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            fresh[slot] = entry;
        }
        table = fresh;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = len;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }
}
