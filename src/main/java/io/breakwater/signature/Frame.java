package io.breakwater.signature;

import java.util.List;

/**
 * One stack frame as the stack walker reports it (field names follow the rust-minidump / Socorro JSON).
 * Every field may be null. {@code inlines} lists the functions inlined at this frame's address,
 * innermost first.
 */
public record Frame(
        Integer frameIndex,
        String module,
        String function,
        String file,
        Integer line,
        String moduleOffset,
        String offset,
        String trust,
        List<InlineFrame> inlines,
        List<UnloadedModule> unloadedModules) {

    public Frame {
        inlines = inlines == null ? List.of() : List.copyOf(inlines);
        unloadedModules = unloadedModules == null ? List.of() : List.copyOf(unloadedModules);
    }

    /** A frame with a resolved function (tests and simple callers). */
    public static Frame ofFunction(String module, String function, String file, Integer line) {
        return new Frame(null, module, function, file, line, null, null, null, null, null);
    }

    /** An unsymbolicated frame: module plus offset inside it. */
    public static Frame ofModuleOffset(String module, String moduleOffset, String offset) {
        return new Frame(null, module, null, null, null, moduleOffset, offset, null, null, null);
    }
}
