package io.breakwater.minidump;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Address lookup over possibly overlapping [start, start+size) ranges in O(log n). Ranges are sorted by
 * start (unsigned) and overlaps are resolved in favour of the range that starts first, so every
 * address maps to at most one item; ranges running past 2^64 are cut there.
 */
final class IntervalIndex<T> {

    private final long[] starts;
    private final long[] ends; // exclusive; 0 means "to the top of the address space"
    private final List<T> items;

    IntervalIndex(List<T> input, ToLongFunction<T> start, ToLongFunction<T> size) {
        List<T> sorted = new ArrayList<>();
        for (T t : input) if (size.applyAsLong(t) != 0) sorted.add(t);
        sorted.sort(Comparator.comparingLong((T t) -> start.applyAsLong(t) ^ Long.MIN_VALUE));
        long[] s = new long[sorted.size()];
        long[] e = new long[sorted.size()];
        List<T> kept = new ArrayList<>(sorted.size());
        boolean full = false; // previous range reached the top of the address space
        long prevEnd = 0;
        int n = 0;
        for (T t : sorted) {
            if (full) break;
            long lo = start.applyAsLong(t);
            long sz = size.applyAsLong(t);
            long hi = lo + sz;
            boolean wraps = Long.compareUnsigned(hi, lo) < 0 || hi == 0;
            if (n > 0 && Long.compareUnsigned(lo, prevEnd) < 0) {
                if (!wraps && Long.compareUnsigned(hi, prevEnd) <= 0) continue; // wholly covered already
                lo = prevEnd;
            }
            s[n] = lo;
            e[n] = wraps ? 0 : hi;
            kept.add(t);
            n++;
            prevEnd = hi;
            full = wraps;
        }
        this.starts = java.util.Arrays.copyOf(s, n);
        this.ends = java.util.Arrays.copyOf(e, n);
        this.items = kept;
    }

    T find(long address) {
        int lo = 0, hi = starts.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) return null;
        long end = ends[found];
        return end == 0 || Long.compareUnsigned(address, end) < 0 ? items.get(found) : null;
    }

    /** Items in address order (without the ones wholly hidden by an earlier overlapping range). */
    List<T> sorted() { return items; }
}
