package io.breakwater.minidump;

import java.util.List;

/** All captured memory regions (MemoryList and Memory64List streams), searchable by address. */
public interface MemoryList {

    List<MemoryRegion> regions();

    /** The region containing {@code address}, or null. */
    MemoryRegion regionAt(long address);
}
