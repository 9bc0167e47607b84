package io.breakwater.minidump;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Crashpad's info stream: report and client ids (GUIDs in registry form, upper case), process-level
 * simple annotations and per-module annotations, in file order.
 */
public record CrashpadInfo(long version, String reportId, String clientId, Map<String, String> simpleAnnotations,
                           List<ModuleInfo> modules) {

    /** Annotations attached to the module at {@code moduleIndex} of the ModuleList stream. */
    public record ModuleInfo(long moduleIndex, List<String> listAnnotations, Map<String, String> simpleAnnotations,
                             List<Annotation> annotationObjects) {}

    /** A typed annotation object; type 1 is a string, values at or above 0x8000 are user-defined. */
    public record Annotation(String name, int type, byte[] value) {

        public static final int TYPE_INVALID = 0, TYPE_STRING = 1, TYPE_USER_DEFINED = 0x8000;

        /** The value as text (UTF-8 for string annotations; others decoded leniently too). */
        public String stringValue() { return Strings.utf8(value); }

        @Override
        public String toString() {
            return "Annotation[" + name + ", type " + type + ", " + new String(value, StandardCharsets.UTF_8) + "]";
        }
    }
}
