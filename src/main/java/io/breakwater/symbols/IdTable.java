package io.breakwater.symbols;

import java.util.Arrays;

/**
 * Maps the small integer ids of FILE and INLINE_ORIGIN records to a value (a name reference) and an
 * optional second value. Dense ids use direct arrays; sparse ones a sorted id array. The first record
 * with a given id wins, as in Breakpad.
 */
final class IdTable {

    private static final int ABSENT = Integer.MIN_VALUE;

    private final int[] ids;     // null in dense mode
    private final int[] values;
    private final int[] aux;     // may be null

    private IdTable(int[] ids, int[] values, int[] aux) {
        this.ids = ids;
        this.values = values;
        this.aux = aux;
    }

    static IdTable empty() {
        return new IdTable(new int[0], new int[0], null);
    }

    static IdTable build(IntList idList, IntList valueList, IntList auxList) {
        int n = idList.size();
        if (n == 0) {
            return empty();
        }
        int maxId = 0;
        for (int i = 0; i < n; i++) {
            maxId = Math.max(maxId, idList.get(i));
        }
        if ((long) maxId < 2L * n + 1024) {
            int[] values = new int[maxId + 1];
            Arrays.fill(values, ABSENT);
            int[] aux = auxList == null ? null : new int[maxId + 1];
            for (int i = 0; i < n; i++) {
                int id = idList.get(i);
                if (values[id] == ABSENT) {
                    values[id] = valueList.get(i);
                    if (aux != null) {
                        aux[id] = auxList.get(i);
                    }
                }
            }
            return new IdTable(null, values, aux);
        }
        int[] order = Ranges.identity(n);
        Ranges.sort(order, 0, n, (a, b) -> Integer.compare(idList.get(a), idList.get(b)));
        int[] ids = new int[n];
        int[] values = new int[n];
        int[] aux = auxList == null ? null : new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            int id = idList.get(i);
            if (m > 0 && ids[m - 1] == id) {
                continue; // stable sort: the first in the file came first
            }
            ids[m] = id;
            values[m] = valueList.get(i);
            if (aux != null) {
                aux[m] = auxList.get(i);
            }
            m++;
        }
        return new IdTable(Arrays.copyOf(ids, m), Arrays.copyOf(values, m), aux == null ? null : Arrays.copyOf(aux, m));
    }

    /** Slot of {@code id}, or -1. */
    int slot(int id) {
        if (ids == null) {
            return id >= 0 && id < values.length && values[id] != ABSENT ? id : -1;
        }
        int s = Arrays.binarySearch(ids, id);
        return s >= 0 ? s : -1;
    }

    int value(int slot) {
        return values[slot];
    }

    int aux(int slot) {
        return aux == null ? -1 : aux[slot];
    }

    int count() {
        if (ids != null) {
            return ids.length;
        }
        int c = 0;
        for (int v : values) {
            if (v != ABSENT) {
                c++;
            }
        }
        return c;
    }

    long estimatedBytes() {
        return 48L + 4L * values.length + (ids == null ? 0 : 4L * ids.length) + (aux == null ? 0 : 4L * aux.length);
    }
}
