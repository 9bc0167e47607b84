package io.breakwater.minidump;

import java.util.List;

/** The dump's captured memory: regions in file order plus an address index over them. */
final class RegionList implements MemoryList {

    static final RegionList EMPTY = new RegionList(List.of());

    private final List<MemoryRegion> regions;
    private final IntervalIndex<MemoryRegion> index;

    RegionList(List<MemoryRegion> regions) {
        this.regions = List.copyOf(regions);
        this.index = new IntervalIndex<>(this.regions, MemoryRegion::baseAddress, MemoryRegion::size);
    }

    @Override public List<MemoryRegion> regions() { return regions; }

    @Override public MemoryRegion regionAt(long address) { return index.find(address); }

    @Override
    public String toString() { return "MemoryList[" + regions.size() + " regions]"; }
}
