package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

/**
 * The stack-walking engine as the processor sees it: one minidump in, rust-minidump-style JSON out
 * ({@code crash_info}, {@code crashing_thread}, {@code threads[].frames[]}, {@code modules[]},
 * {@code system_info}, ...). Symbols are the implementation's business.
 */
public interface DumpWalker {

    /** Walks {@code dump}. Throws when the dump cannot be read at all. */
    JsonNode walk(Path dump) throws Exception;

    /** The JSON and the walk's notes (budgets that ran out, ...), which belong in the processor notes. */
    record Walk(JsonNode json, List<String> notes) {}

    default Walk walkWithNotes(Path dump) throws Exception {
        return new Walk(walk(dump), List.of());
    }

    /** Recorded as {@code stackwalk_version}. */
    default String version() {
        return "unknown";
    }
}
