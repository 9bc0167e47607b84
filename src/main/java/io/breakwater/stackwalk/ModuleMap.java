package io.breakwater.stackwalk;

import io.breakwater.minidump.MinidumpModule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Address lookup over the loaded modules. Modules keep the dump's order (the first is the main
 * module); a module overlapping one stored before it is left out of address lookups, as Breakpad's
 * range map rejects it. Addresses compare unsigned.
 */
public final class ModuleMap {

    private final List<MinidumpModule> inDumpOrder;
    private final TreeMap<Long, MinidumpModule> byBase = new TreeMap<>(Long::compareUnsigned);

    public ModuleMap(List<MinidumpModule> modules) {
        this.inDumpOrder = List.copyOf(modules);
        for (MinidumpModule m : modules) {
            if (m.size() <= 0) continue;
            long end = m.baseAddress() + m.size() - 1;
            if (Long.compareUnsigned(end, m.baseAddress()) < 0) continue; // wraps around
            Map.Entry<Long, MinidumpModule> below = byBase.floorEntry(m.baseAddress());
            if (below != null && below.getValue().contains(m.baseAddress())) continue;
            Map.Entry<Long, MinidumpModule> above = byBase.ceilingEntry(m.baseAddress());
            if (above != null && Long.compareUnsigned(above.getKey(), end) <= 0) continue;
            byBase.put(m.baseAddress(), m);
        }
    }

    /** Modules in dump order. */
    public List<MinidumpModule> modules() { return inDumpOrder; }

    /** Modules sorted by base address (the order Breakpad prints them in). */
    public List<MinidumpModule> byAddress() {
        List<MinidumpModule> sorted = new ArrayList<>(inDumpOrder);
        sorted.sort(Comparator.comparing(MinidumpModule::baseAddress, Long::compareUnsigned));
        return sorted;
    }

    /** The first module of the dump, which Breakpad and rust-minidump treat as the executable. */
    public MinidumpModule mainModule() { return inDumpOrder.isEmpty() ? null : inDumpOrder.get(0); }

    public MinidumpModule at(long address) {
        Map.Entry<Long, MinidumpModule> e = byBase.floorEntry(address);
        if (e == null) return null;
        return e.getValue().contains(address) ? e.getValue() : null;
    }

    public boolean isEmpty() { return byBase.isEmpty(); }

    /** End (exclusive) of the highest module, used to guess pointer-authentication masks. */
    public long highestEnd() {
        if (byBase.isEmpty()) return 0;
        return byBase.lastEntry().getValue().endAddress();
    }
}
