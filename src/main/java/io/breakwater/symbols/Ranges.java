package io.breakwater.symbols;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sorting and conflict resolution for address ranges held in parallel primitive arrays. Records are
 * identified by their index in file order, so "earlier in the file" is "smaller index".
 */
final class Ranges {

    private Ranges() {}

    interface IndexComparator {
        int compare(int a, int b);
    }

    interface LongAt {
        long at(int index);
    }

    /** Largest cluster of mutually overlapping STACK WIN records resolved exactly in file order. */
    private static final int EXACT_LAMINAR_LIMIT = 2048;

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Sorts {@code a[from, to)} stably by {@code cmp}; a no-op (no allocation) when already sorted. */
    static void sort(int[] a, int from, int to, IndexComparator cmp) {
        boolean sorted = true;
        for (int i = from + 1; i < to; i++) {
            if (cmp.compare(a[i - 1], a[i]) > 0) {
                sorted = false;
                break;
            }
        }
        if (!sorted) {
            mergeSort(a, from, to, cmp);
        }
    }

    /** Bottom-up stable merge sort with runs of insertion-sorted blocks; O(n log n) on any input. */
    private static void mergeSort(int[] a, int from, int to, IndexComparator cmp) {
        final int run = 16;
        int n = to - from;
        for (int lo = from; lo < to; lo += run) {
            int hi = Math.min(lo + run, to);
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
        }
        if (n <= run) {
            return;
        }
        int[] src = a;
        int srcOff = from;
        int[] dst = new int[n];
        int dstOff = 0;
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int p = srcOff + lo;
                int pEnd = srcOff + mid;
                int q = pEnd;
                int qEnd = srcOff + hi;
                int k = dstOff + lo;
                while (p < pEnd && q < qEnd) {
                    dst[k++] = cmp.compare(src[p], src[q]) <= 0 ? src[p++] : src[q++];
                }
                while (p < pEnd) {
                    dst[k++] = src[p++];
                }
                while (q < qEnd) {
                    dst[k++] = src[q++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
            int o = srcOff;
            srcOff = dstOff;
            dstOff = o;
        }
        if (src != a) {
            System.arraycopy(src, srcOff, a, from, n);
        }
    }

    /**
     * Exclusive ranges (no two may overlap): {@code order[from, to)} is sorted by start, ties in file
     * order. Keeps, among overlapping records, the one that comes first in the file (as Breakpad's
     * RangeMap does when records are stored in file order) and compacts the kept ones to the front of
     * the slice. Returns the new end of the slice.
     */
    static int resolveExclusive(int[] order, int from, int to, LongAt start, LongAt end) {
        int out = from;
        int i = from;
        while (i < to) {
            long maxEnd = end.at(order[i]);
            int j = i + 1;
            while (j < to && start.at(order[j]) < maxEnd) {
                maxEnd = Math.max(maxEnd, end.at(order[j]));
                j++;
            }
            if (j - i == 1) {
                order[out++] = order[i];
            } else {
                out = resolveExclusiveCluster(order, i, j, out, start, end);
            }
            i = j;
        }
        return out;
    }

    private static int resolveExclusiveCluster(int[] order, int from, int to, int out, LongAt start, LongAt end) {
        int[] members = Arrays.copyOfRange(order, from, to);
        int[] byFileOrder = members.clone();
        Arrays.sort(byFileOrder);
        TreeMap<Long, Long> kept = new TreeMap<>();
        boolean[] accepted = new boolean[byFileOrder.length];
        for (int k = 0; k < byFileOrder.length; k++) {
            int idx = byFileOrder[k];
            long s = start.at(idx);
            long e = end.at(idx);
            Map.Entry<Long, Long> below = kept.floorEntry(s);
            if (below != null && below.getValue() > s) {
                continue;
            }
            Map.Entry<Long, Long> above = kept.ceilingEntry(s);
            if (above != null && above.getKey() < e) {
                continue;
            }
            kept.put(s, e);
            accepted[k] = true;
        }
        for (int idx : members) {
            if (accepted[Arrays.binarySearch(byFileOrder, idx)]) {
                order[out++] = idx;
            }
        }
        return out;
    }

    /**
     * Nested ranges (Breakpad's ContainedRangeMap): two records may be disjoint or one may contain the
     * other, but may not partially overlap or be identical. {@code order[from, to)} is sorted by start
     * ascending, end descending, then file order. Conflicting records are dropped, the earlier in the
     * file winning; the kept ones are compacted to the front. Returns the new end.
     */
    static int resolveNested(int[] order, int from, int to, LongAt start, LongAt end) {
        int out = from;
        int i = from;
        while (i < to) {
            long maxEnd = end.at(order[i]);
            int j = i + 1;
            while (j < to && start.at(order[j]) < maxEnd) {
                maxEnd = Math.max(maxEnd, end.at(order[j]));
                j++;
            }
            if (j - i == 1 || nestedWithoutConflict(order, i, j, start, end)) {
                System.arraycopy(order, i, order, out, j - i);
                out += j - i;
            } else if (j - i <= EXACT_LAMINAR_LIMIT) {
                out = resolveNestedCluster(order, i, j, out, start, end);
            } else {
                out = resolveNestedGreedy(order, i, j, out, start, end);
            }
            i = j;
        }
        return out;
    }

    private static boolean nestedWithoutConflict(int[] order, int from, int to, LongAt start, LongAt end) {
        long[] stackEnd = new long[16];
        long[] stackStart = new long[16];
        int depth = 0;
        for (int k = from; k < to; k++) {
            long s = start.at(order[k]);
            long e = end.at(order[k]);
            while (depth > 0 && stackEnd[depth - 1] <= s) {
                depth--;
            }
            if (depth > 0) {
                long ps = stackStart[depth - 1];
                long pe = stackEnd[depth - 1];
                if (e > pe || (ps == s && pe == e)) {
                    return false;
                }
            }
            if (depth == stackEnd.length) {
                stackEnd = Arrays.copyOf(stackEnd, depth * 2);
                stackStart = Arrays.copyOf(stackStart, depth * 2);
            }
            stackStart[depth] = s;
            stackEnd[depth++] = e;
        }
        return true;
    }

    private static boolean compatible(long as, long ae, long bs, long be) {
        if (ae <= bs || be <= as) {
            return true;
        }
        if (as == bs && ae == be) {
            return false;
        }
        return (as <= bs && be <= ae) || (bs <= as && ae <= be);
    }

    private static int resolveNestedCluster(int[] order, int from, int to, int out, LongAt start, LongAt end) {
        int[] members = Arrays.copyOfRange(order, from, to);
        int[] byFileOrder = members.clone();
        Arrays.sort(byFileOrder);
        int n = byFileOrder.length;
        long[] keptStart = new long[n];
        long[] keptEnd = new long[n];
        int kept = 0;
        boolean[] accepted = new boolean[n];
        for (int k = 0; k < n; k++) {
            long s = start.at(byFileOrder[k]);
            long e = end.at(byFileOrder[k]);
            boolean ok = true;
            for (int m = 0; m < kept && ok; m++) {
                ok = compatible(keptStart[m], keptEnd[m], s, e);
            }
            if (ok) {
                keptStart[kept] = s;
                keptEnd[kept++] = e;
                accepted[k] = true;
            }
        }
        for (int idx : members) {
            if (accepted[Arrays.binarySearch(byFileOrder, idx)]) {
                order[out++] = idx;
            }
        }
        return out;
    }

    /** Pathologically large clusters: keep records in address order when consistent with those kept. */
    private static int resolveNestedGreedy(int[] order, int from, int to, int out, LongAt start, LongAt end) {
        int[] members = Arrays.copyOfRange(order, from, to);
        long[] stackStart = new long[16];
        long[] stackEnd = new long[16];
        int depth = 0;
        for (int idx : members) {
            long s = start.at(idx);
            long e = end.at(idx);
            while (depth > 0 && stackEnd[depth - 1] <= s) {
                depth--;
            }
            if (depth > 0 && (e > stackEnd[depth - 1] || (stackStart[depth - 1] == s && stackEnd[depth - 1] == e))) {
                continue;
            }
            if (depth == stackEnd.length) {
                stackEnd = Arrays.copyOf(stackEnd, depth * 2);
                stackStart = Arrays.copyOf(stackStart, depth * 2);
            }
            stackStart[depth] = s;
            stackEnd[depth++] = e;
            order[out++] = idx;
        }
        return out;
    }

    /**
     * For nested ranges in (start asc, end desc) order, the position of each one's innermost container,
     * or -1. Positions refer to the given arrays.
     */
    static int[] parents(long[] starts, long[] ends) {
        int n = starts.length;
        int[] parent = new int[n];
        int[] stack = new int[16];
        int depth = 0;
        for (int k = 0; k < n; k++) {
            while (depth > 0 && ends[stack[depth - 1]] <= starts[k]) {
                depth--;
            }
            parent[k] = depth == 0 ? -1 : stack[depth - 1];
            if (depth == stack.length) {
                stack = Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = k;
        }
        return parent;
    }
}
