package io.breakwater.minidump;

import java.util.OptionalLong;

/** Breakpad's info stream: the thread that wrote the dump and the thread that asked for it. */
public record BreakpadInfo(long validity, long dumpThreadIdRaw, long requestingThreadIdRaw) {

    public OptionalLong dumpThreadId() {
        return (validity & 1) != 0 ? OptionalLong.of(dumpThreadIdRaw) : OptionalLong.empty();
    }

    public OptionalLong requestingThreadId() {
        return (validity & 2) != 0 ? OptionalLong.of(requestingThreadIdRaw) : OptionalLong.empty();
    }
}
