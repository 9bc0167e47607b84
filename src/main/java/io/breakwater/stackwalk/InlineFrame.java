package io.breakwater.stackwalk;

/**
 * A function inlined into a physical frame. {@code file}/{@code line} are where execution is inside
 * this inlined function (the innermost gets the line at the address; outer ones the call site of the
 * next inner one). {@code functionBase} is the absolute start of the inlined range.
 */
public record InlineFrame(String function, long functionBase, String file, int line) {}
