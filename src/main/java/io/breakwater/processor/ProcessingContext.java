package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules work on: the raw crash (annotations plus collector fields, mutable so sanitising rules can
 * clean it), the dumps as temporary files by name, the processed crash being built and this run's notes.
 */
public final class ProcessingContext {

    /** The dump the stack walker treats as "the" minidump. */
    public static final String MAIN_DUMP = "upload_file_minidump";

    private final String crashId;
    private final String ruleset;
    private final Map<String, Object> rawCrash;
    private final Map<String, Path> dumps;
    private final ObjectNode processed;
    private final List<String> notes = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Instant startedAt;

    public ProcessingContext(String crashId, String ruleset, Map<String, Object> rawCrash, Map<String, Path> dumps,
                             ObjectNode processed, Instant startedAt) {
        this.crashId = crashId;
        this.ruleset = ruleset;
        this.rawCrash = rawCrash == null ? new LinkedHashMap<>() : new LinkedHashMap<>(rawCrash);
        this.dumps = dumps == null ? new LinkedHashMap<>() : new LinkedHashMap<>(dumps);
        this.processed = processed == null ? JsonNodeFactory.instance.objectNode() : processed;
        this.startedAt = startedAt;
    }

    /** A context for rule tests and tools: fresh processed crash, no dumps. */
    public static ProcessingContext of(Map<String, Object> rawCrash) {
        Object uuid = rawCrash.get("uuid");
        return new ProcessingContext(uuid == null ? null : uuid.toString(), RuleSets.DEFAULT, rawCrash, Map.of(),
                null, Instant.now());
    }

    public String crashId() { return crashId; }

    public String ruleset() { return ruleset; }

    /** Mutable: sanitising rules replace keys and values in place. */
    public Map<String, Object> rawCrash() { return rawCrash; }

    public Map<String, Path> dumps() { return dumps; }

    public ObjectNode processed() { return processed; }

    public Instant startedAt() { return startedAt; }

    public void note(String note) {
        notes.add(note);
    }

    public List<String> notes() { return Collections.unmodifiableList(notes); }

    /**
     * Records that the crash could not be processed meaningfully (unreadable dump, ...). Processing goes on
     * so that as much as possible is kept, but the processed crash ends with {@code success: false}.
     */
    public void fail(String note) {
        failures.add(note);
        notes.add(note);
    }

    public boolean failed() { return !failures.isEmpty(); }

    /** The annotation as text, or null when absent. Scalars are converted; objects and lists are not text. */
    public String annotation(String key) {
        Object value = rawCrash.get(key);
        if (value instanceof String s) return s;
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        return null;
    }

    /** The first non-blank annotation among {@code keys}, trimmed, or null. */
    public String firstAnnotation(String... keys) {
        for (String key : keys) {
            String value = annotation(key);
            if (value != null && !value.isBlank()) return value.strip();
        }
        return null;
    }

    /** {@code processed.json_dump}, or a missing node. */
    public JsonNode jsonDump() {
        return processed.path("json_dump");
    }
}
