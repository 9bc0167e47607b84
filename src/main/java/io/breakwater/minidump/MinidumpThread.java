package io.breakwater.minidump;

/** A thread from the ThreadList stream. {@code context} and {@code stack} are null when unreadable. */
public record MinidumpThread(long threadId, long suspendCount, long priorityClass, long priority, long teb,
                             CpuContext context, MemoryRegion stack) {}
