package io.breakwater.minidump;

/** One (type, value) pair of the Linux auxiliary vector. */
public record AuxvEntry(long type, long value) {}
