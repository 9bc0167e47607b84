package io.breakwater.signature;

import java.util.List;

/** One thread's frames, innermost first, plus the Windows last-error value when the dump has one. */
public record CrashThread(List<Frame> frames, String lastErrorValue, String name) {

    public CrashThread {
        frames = frames == null ? List.of() : List.copyOf(frames);
    }

    public static CrashThread of(List<Frame> frames) {
        return new CrashThread(frames, null, null);
    }
}
