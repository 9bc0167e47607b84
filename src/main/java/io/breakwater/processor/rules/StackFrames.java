package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;

/** Finding stacks in the walker's JSON. */
final class StackFrames {

    private StackFrames() {}

    /** Frames of the crashing thread: {@code threads[crash_info.crashing_thread]}, else {@code crashing_thread}. */
    static JsonNode crashingFrames(JsonNode dump) {
        JsonNode index = dump.path("crash_info").path("crashing_thread");
        if (index.canConvertToInt()) {
            JsonNode frames = dump.path("threads").path(index.asInt()).path("frames");
            if (frames.isArray()) return frames;
        }
        JsonNode frames = dump.path("crashing_thread").path("frames");
        return frames.isArray() ? frames : null;
    }
}
