package io.breakwater.signature;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything signature generation looks at, independent of the processor: the OS name, the index of the
 * crashing thread (null when unknown), the threads with their frames, and crash annotations.
 *
 * <p>Annotations are looked up under Socorro's signature-job key ({@code abort_message}) and under the
 * crash-annotation name a client sends ({@code AbortMessage}), so both a Socorro CrashSignature job and a
 * raw crash's annotations work as input. The crash reason ({@code reason}) and the stack walker status
 * ({@code mdsw_status_string}) travel in the same map.
 */
public record CrashData(String os, Integer crashingThread, List<CrashThread> threads, Map<String, String> annotations) {

    public static final String WINDOWS_NT = "Windows NT";

    public CrashData {
        threads = threads == null ? List.of() : List.copyOf(threads);
        Map<String, String> copy = new LinkedHashMap<>();
        if (annotations != null) {
            annotations.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        annotations = Collections.unmodifiableMap(copy);
    }

    public static CrashData of(String os, Integer crashingThread, List<CrashThread> threads) {
        return new CrashData(os, crashingThread, threads, Map.of());
    }

    public CrashData withCrashingThread(Integer thread) {
        return new CrashData(os, thread, threads, annotations);
    }

    public CrashData withAnnotation(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(annotations);
        copy.put(key, value);
        return new CrashData(os, crashingThread, threads, copy);
    }

    /** The first non-empty value among the given keys, or null (empty strings count as absent, as in Socorro). */
    public String annotation(String... keys) {
        for (String key : keys) {
            String value = annotations.get(key);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    public String javaStackTrace() {
        return annotation("java_stack_trace", "JavaStackTrace");
    }

    public String abortMessage() {
        return annotation("abort_message", "AbortMessage");
    }

    public String oomAllocationSize() {
        return annotation("oom_allocation_size", "OOMAllocationSize");
    }

    /** Crash reason, e.g. {@code SIGSEGV /SEGV_MAPERR} or {@code EXCEPTION_STACK_OVERFLOW}. */
    public String reason() {
        return annotation("reason");
    }

    public String stackwalkerStatus() {
        return annotation("mdsw_status_string");
    }

    public String asyncShutdownTimeout() {
        return annotation("async_shutdown_timeout", "AsyncShutdownTimeout");
    }

    public String ipcChannelError() {
        return annotation("ipc_channel_error");
    }

    public String ipcMessageName() {
        return annotation("ipc_message_name", "IPCMessageName");
    }

    public String additionalMinidumps() {
        return annotation("additional_minidumps");
    }

    public String mozCrashReason() {
        return annotation("moz_crash_reason", "MozCrashReason");
    }

    /** Hang kind from the {@code Hang} annotation (e.g. {@code ui}). */
    public String hang() {
        return annotation("hang", "Hang");
    }

    /** Legacy numeric hang type: -1 hang, 1 chrome hang. */
    public String hangType() {
        return annotation("hang_type");
    }

    /** Breakwater extension: set by whoever detected a stack overflow the crash reason does not show. */
    public String stackOverflow() {
        return annotation("stack_overflow", "StackOverflow");
    }

    /** The thread at {@code index}, or null when out of range. */
    public CrashThread thread(int index) {
        return index >= 0 && index < threads.size() ? threads.get(index) : null;
    }
}
