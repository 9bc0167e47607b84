package io.breakwater.signature;

/** A function inlined into a {@link Frame}; it shares the frame's module and offsets. */
public record InlineFrame(String function, String file, Integer line) {
}
