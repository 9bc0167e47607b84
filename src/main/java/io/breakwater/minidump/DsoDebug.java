package io.breakwater.minidump;

import java.util.List;

/** The LinuxDsoDebug stream: the dynamic linker's r_debug and its link_map list. */
public record DsoDebug(long version, long dsoCount, long brk, long ldBase, long dynamic, List<LinkMap> linkMaps) {

    /** One loaded object as the dynamic linker saw it. */
    public record LinkMap(long address, String name, long dynamic) {}
}
