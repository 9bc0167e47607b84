package io.breakwater.stackwalk;

import java.util.List;

/** The walked stack of one thread. */
public record CallStack(long threadId, String threadName, List<StackFrame> frames, Status status,
                        boolean truncated) {

    public enum Status {
        /** Walked normally. */
        OK,
        /** The thread that wrote the dump; Breakpad skips it, rust-minidump lists it with no frames. */
        DUMP_THREAD_SKIPPED,
        /** No usable CPU context. */
        MISSING_CONTEXT,
        /** The CPU family has no unwinder. */
        UNSUPPORTED_CPU,
        /** Listed without walking: a per-dump budget ran out (see the walk's notes). */
        NOT_WALKED
    }

    /** Number of frames including inline frames, as Breakpad numbers them. */
    public int expandedFrameCount() {
        int n = 0;
        for (StackFrame f : frames) n += 1 + f.inlines().size();
        return n;
    }
}
