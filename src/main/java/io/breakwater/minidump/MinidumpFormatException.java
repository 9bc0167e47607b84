package io.breakwater.minidump;

/** The file is not a minidump at all (bad signature, truncated header or directory). */
public class MinidumpFormatException extends Exception {
    public MinidumpFormatException(String message) { super(message); }
}
