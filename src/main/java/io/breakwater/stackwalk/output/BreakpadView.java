package io.breakwater.stackwalk.output;

import io.breakwater.minidump.MinidumpModule;
import io.breakwater.stackwalk.CallStack;
import io.breakwater.stackwalk.FrameTrust;
import io.breakwater.stackwalk.InlineFrame;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.StackFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * The process as Breakpad's {@code minidump_stackwalk} lists it: the thread that wrote the dump is
 * left out (so thread numbers shift past it), and inline frames are separate frames placed before the
 * physical frame that contains them.
 */
final class BreakpadView {

    /** One printed frame. {@code address} is what Breakpad offsets are computed from. */
    record Frame(MinidumpModule module, String function, long functionBase, boolean hasFunctionBase,
                 String file, int line, long lineBase, boolean hasFile, long address, FrameTrust trust,
                 StackFrame physical) {

        String offsetText() {
            long offset;
            if (module == null) offset = address;
            else if (function == null || function.isEmpty()) offset = address - module.baseAddress();
            else if (hasFile) offset = address - lineBase;
            else offset = address - functionBase;
            return "0x" + Long.toHexString(offset);
        }
    }

    final List<CallStack> threads = new ArrayList<>();
    int requestingThread = -1;

    BreakpadView(ProcessState state) {
        List<CallStack> all = state.threads();
        for (int i = 0; i < all.size(); i++) {
            CallStack t = all.get(i);
            if (t.status() == CallStack.Status.DUMP_THREAD_SKIPPED) continue;
            if (i == state.requestingThread()) requestingThread = threads.size();
            threads.add(t);
        }
    }

    static List<Frame> frames(CallStack stack) {
        List<Frame> out = new ArrayList<>();
        for (StackFrame f : stack.frames()) {
            for (InlineFrame in : f.inlines()) {
                // Inline frames are plain copies in Breakpad: their address is the lookup address.
                boolean hasFile = in.file() != null && !in.file().isEmpty();
                out.add(new Frame(f.module(), in.function(), in.functionBase(), true, in.file(), in.line(),
                        f.sourceLineBase(), hasFile, f.instruction(), FrameTrust.INLINE, f));
            }
            boolean hasFile = f.sourceFile() != null && !f.sourceFile().isEmpty();
            out.add(new Frame(f.module(), f.functionName(), f.functionBase(), f.hasFunctionBase(), f.sourceFile(),
                    f.sourceLine(), f.sourceLineBase(), hasFile, f.returnAddress(), f.trust(), f));
        }
        return out;
    }

    static String basename(String path) {
        if (path == null) return "";
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return i >= 0 ? path.substring(i + 1) : path;
    }

    static String hex8(long v) {
        String h = Long.toHexString(v);
        return h.length() >= 8 ? "0x" + h : "0x" + "0".repeat(8 - h.length()) + h;
    }
}
