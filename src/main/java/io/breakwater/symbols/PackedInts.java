package io.breakwater.symbols;

/**
 * An immutable int array stored in 16 bits per value when every value fits in [0, 65535] (the usual
 * case for line sizes, file ids and inline depths), otherwise in 32.
 */
final class PackedInts {

    private final char[] narrow;
    private final int[] wide;

    private PackedInts(char[] narrow, int[] wide) {
        this.narrow = narrow;
        this.wide = wide;
    }

    static PackedInts of(int[] values) {
        for (int v : values) {
            if ((v & ~0xFFFF) != 0) {
                return new PackedInts(null, values);
            }
        }
        char[] c = new char[values.length];
        for (int i = 0; i < values.length; i++) {
            c[i] = (char) values[i];
        }
        return new PackedInts(c, null);
    }

    int get(int i) {
        return narrow != null ? narrow[i] : wide[i];
    }

    int length() {
        return narrow != null ? narrow.length : wide.length;
    }

    long estimatedBytes() {
        return 32L + (narrow != null ? 2L * narrow.length : 4L * wide.length);
    }
}
