package io.breakwater.minidump;

/**
 * One record of Mozilla's macOS crash info stream (the __DATA,__crash_info section of a module).
 * {@code abortCause} is null before record version 5.
 */
public record MacCrashInfo(long version, long thread, long dialogMode, Long abortCause, String modulePath,
                           String message, String signatureString, String backtrace, String message2) {}
