package io.breakwater.signature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The signature while the rules run, with the notes and debug log that explain each change. */
public final class SignatureState {

    private String signature = "";
    private final List<String> notes = new ArrayList<>();
    private final List<String> debugLog = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public String signature() {
        return signature;
    }

    /** Replaces the signature and records the change in the debug log under the rule's name. */
    public void setSignature(String rule, String newSignature) {
        debug(rule, "change signature: \"" + signature + "\" -> \"" + newSignature + "\"");
        signature = newSignature;
    }

    /** A note for users (Socorro's {@code result.info}); kept with the processed crash. */
    public void info(String rule, String message) {
        notes.add(rule + ": " + message);
    }

    /** A debug-log line (Socorro's {@code result.debug}); becomes {@code signature_debug}. */
    public void debug(String rule, String message) {
        debugLog.add(rule + ": " + message);
    }

    public void putExtra(String key, Object value) {
        extra.put(key, value);
    }

    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    public List<String> debugLog() {
        return Collections.unmodifiableList(debugLog);
    }

    public Map<String, Object> extra() {
        return Collections.unmodifiableMap(extra);
    }
}
