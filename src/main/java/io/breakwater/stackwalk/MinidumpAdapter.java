package io.breakwater.stackwalk;

import io.breakwater.minidump.Minidump;

/** Gathers {@link DumpContents} from a parsed {@link Minidump}. */
final class MinidumpAdapter {

    private MinidumpAdapter() {}

    static DumpContents contents(Minidump dump) {
        return new DumpContents(dump.systemInfo().orElse(null), dump.threads(), dump.threadNames(), dump.modules(),
                dump.exception().orElse(null), dump.memory(), null, null, DumpExtras.NONE);
    }
}
