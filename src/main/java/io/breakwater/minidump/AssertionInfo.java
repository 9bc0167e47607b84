package io.breakwater.minidump;

/** Breakpad's assertion stream (invalid parameter / pure virtual call handlers on Windows). */
public record AssertionInfo(String expression, String function, String file, long line, long type) {

    /** "InvalidParameter", "PureVirtualCall", "Unknown" or the raw number. */
    public String typeName() {
        if (type == 0) return "Unknown";
        if (type == 1) return "InvalidParameter";
        if (type == 2) return "PureVirtualCall";
        return Long.toString(type);
    }
}
