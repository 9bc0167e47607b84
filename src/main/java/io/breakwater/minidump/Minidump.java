package io.breakwater.minidump;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed minidump. Opening reads the header and stream directory; streams are decoded on first
 * access. Malformed streams yield empty results and an entry in {@link #notes()}, never an exception
 * escaping an accessor.
 */
public final class Minidump implements AutoCloseable {

    /** Memory-maps {@code file}. Throws {@link MinidumpFormatException} only when the header itself is unusable. */
    public static Minidump open(Path file) throws MinidumpFormatException {
        throw new UnsupportedOperationException("minidump reader not written yet");
    }

    /** Parses an in-memory dump (tests, uploads already in memory). */
    public static Minidump of(byte[] bytes) throws MinidumpFormatException {
        throw new UnsupportedOperationException("minidump reader not written yet");
    }

    public Optional<SystemInfo> systemInfo() { throw new UnsupportedOperationException(); }

    public List<MinidumpThread> threads() { throw new UnsupportedOperationException(); }

    /** Thread id to name, from the ThreadNames stream. */
    public Map<Long, String> threadNames() { throw new UnsupportedOperationException(); }

    /** Modules in dump order. */
    public List<MinidumpModule> modules() { throw new UnsupportedOperationException(); }

    /** The module whose address range holds {@code address}, or null. */
    public MinidumpModule moduleAt(long address) { throw new UnsupportedOperationException(); }

    public Optional<MinidumpException> exception() { throw new UnsupportedOperationException(); }

    public MemoryList memory() { throw new UnsupportedOperationException(); }

    /** Problems met while decoding, in the order found. */
    public List<String> notes() { throw new UnsupportedOperationException(); }

    @Override
    public void close() {}
}
