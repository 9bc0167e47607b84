package io.breakwater.stackwalk;

import io.breakwater.minidump.MemoryRegion;

import java.util.OptionalLong;

/**
 * Word-sized reads from one thread's captured stack. Reads outside the region fail; values are
 * unsigned and masked to the word size, so 32-bit walks never see sign-extended garbage.
 */
public final class StackMemory {

    private final MemoryRegion region;
    private final int wordSize;
    private final long mask;

    public StackMemory(MemoryRegion region, int wordSize) {
        if (wordSize != 4 && wordSize != 8) throw new IllegalArgumentException("word size " + wordSize);
        this.region = region;
        this.wordSize = wordSize;
        this.mask = wordSize == 8 ? -1L : 0xFFFF_FFFFL;
    }

    public int wordSize() { return wordSize; }

    public long mask() { return mask; }

    public MemoryRegion region() { return region; }

    /** True when a whole word at {@code address} lies inside the captured stack. */
    public boolean hasWord(long address) {
        return region != null && region.contains(address & mask, wordSize);
    }

    /** The word at {@code address}, or empty when not captured. */
    public OptionalLong readWord(long address) {
        if (!hasWord(address)) return OptionalLong.empty();
        long a = address & mask;
        OptionalLong v = wordSize == 8 ? region.readU64(a) : region.readU32(a);
        return v.isPresent() ? OptionalLong.of(v.getAsLong() & mask) : v;
    }
}
