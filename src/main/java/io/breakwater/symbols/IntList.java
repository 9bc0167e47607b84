package io.breakwater.symbols;

import java.util.Arrays;

/** Growable int array for building the index; no boxing. */
final class IntList {
    private int[] a;
    private int n;

    IntList(int capacity) {
        a = new int[Math.max(4, capacity)];
    }

    void add(int v) {
        if (n == a.length) {
            grow();
        }
        a[n++] = v;
    }

    int get(int i) {
        return a[i];
    }

    void set(int i, int v) {
        a[i] = v;
    }

    int size() {
        return n;
    }

    int[] raw() {
        return a;
    }

    int[] toArray() {
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
