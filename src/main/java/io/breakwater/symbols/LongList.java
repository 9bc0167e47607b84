package io.breakwater.symbols;

import java.util.Arrays;

/** Growable long array for building the index; no boxing. */
final class LongList {
    private long[] a;
    private int n;

    LongList(int capacity) {
        a = new long[Math.max(4, capacity)];
    }

    void add(long v) {
        if (n == a.length) {
            grow();
        }
        a[n++] = v;
    }

    long get(int i) {
        return a[i];
    }

    void set(int i, long v) {
        a[i] = v;
    }

    int size() {
        return n;
    }

    long[] raw() {
        return a;
    }

    long[] toArray() {
        return Arrays.copyOf(a, n);
    }

    private void grow() {
        long cap = (long) a.length + (a.length >> 1) + 16;
        if (cap > Integer.MAX_VALUE - 16) {
            if (a.length >= Integer.MAX_VALUE - 16) {
                throw new SymbolLimitException("more than " + a.length + " records of one kind");
            }
            cap = Integer.MAX_VALUE - 16;
        }
        a = Arrays.copyOf(a, (int) cap);
    }
}
