package io.breakwater.minidump;

/** The Exception stream: which thread faulted, with what code and address, and its context at the fault. */
public record MinidumpException(long threadId, long code, long flags, long recordAddress, long address,
                                long[] parameters, CpuContext context) {}
