package io.breakwater.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a crash report contained: annotations, dumps waiting in temporary files, and notes about what
 * was odd. {@link #close()} deletes the temporary files.
 */
public final class CrashPayload implements AutoCloseable {

    /** How annotations were sent: form fields, or one JSON part. */
    public enum Kind { MULTIPART, JSON }

    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final Map<String, ReceivedDump> dumps = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Kind kind = Kind.MULTIPART;
    private boolean compressed;
    private long payloadSize;

    public Map<String, String> annotations() {
        return annotations;
    }

    public Map<String, ReceivedDump> dumps() {
        return dumps;
    }

    public List<String> notes() {
        return notes;
    }

    public Kind kind() {
        return kind;
    }

    void kind(Kind kind) {
        this.kind = kind;
    }

    public boolean compressed() {
        return compressed;
    }

    void compressed(boolean compressed) {
        this.compressed = compressed;
    }

    /** Bytes of the body as received (compressed size when gzipped). */
    public long payloadSize() {
        return payloadSize;
    }

    void payloadSize(long payloadSize) {
        this.payloadSize = payloadSize;
    }

    void addDump(ReceivedDump dump) {
        ReceivedDump previous = dumps.put(dump.name(), dump);
        if (previous != null) {
            notes.add("duplicate dump " + dump.name() + ": kept the last one");
            deleteQuietly(previous);
        }
    }

    /** Deletes every temporary dump file; safe to call more than once. */
    @Override
    public void close() {
        for (ReceivedDump dump : dumps.values()) {
            deleteQuietly(dump);
        }
    }

    static void deleteQuietly(ReceivedDump dump) {
        try {
            Files.deleteIfExists(dump.file());
        } catch (IOException ignored) {
            // A leftover temp file is harmless; the OS cleans its temp directory.
        }
    }
}
