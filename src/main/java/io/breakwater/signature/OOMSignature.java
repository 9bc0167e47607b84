package io.breakwater.signature;

import java.util.List;

/**
 * Out-of-memory crashes: {@code OOM | small} for allocations up to 256 KiB (the stack says little
 * then), {@code OOM | large | <signature>} above, {@code OOM | unknown | <signature>} when the size is
 * not known. A crash is OOM when it has an allocation size, its signature holds an OOM handler, its
 * crashing thread's last error is a Windows out-of-memory error, or its reason is one. Handlers given as
 * {@code frameFragments} (Breakwater's extension) also count when they are among the normalized frames,
 * so the lists may skip them as irrelevant and let the signature name the allocating caller.
 */
public final class OOMSignature implements SignatureRule {

    /** Socorro's OOM handler fragments. */
    public static final List<String> SOCORRO_FRAGMENTS = List.of(
            "NS_ABORT_OOM", "mozalloc_handle_oom", "CrashAtUnhandlableOOM", "AutoEnterOOMUnsafeRegion",
            "alloc::oom::oom");

    /** OOM handlers of the runtimes Breakwater's default lists cover (Rust, Chromium, V8). */
    public static final List<String> BREAKWATER_FRAGMENTS = List.of(
            "alloc::alloc::handle_alloc_error", "std::alloc::rust_oom", "__rust_alloc_error_handler",
            "partition_alloc::internal::OnNoMemory", "partition_alloc::TerminateBecauseOutOfMemory",
            "base::internal::OnNoMemoryInternal", "base::TerminateBecauseOutOfMemory",
            "v8::internal::V8::FatalProcessOutOfMemory", "v8::Utils::ReportOOMFailure");

    static final long SMALL_ALLOCATION_LIMIT = 262_144;

    private static final List<String> OOM_REASONS = List.of("STATUS_FATAL_MEMORY_EXHAUSTION", "STATUS_NO_MEMORY");
    private static final List<String> OOM_LAST_ERRORS = List.of("ERROR_COMMITMENT_LIMIT", "ERROR_NOT_ENOUGH_MEMORY");

    private final List<String> fragments;
    private final List<String> frameFragments;

    public OOMSignature(List<String> fragments) {
        this(fragments, List.of());
    }

    public OOMSignature(List<String> fragments, List<String> frameFragments) {
        this.fragments = List.copyOf(fragments);
        this.frameFragments = List.copyOf(frameFragments);
    }

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        String size = crash.oomAllocationSize();
        if (size != null && !size.strip().equals("0")) {
            return true;
        }
        String signature = state.signature();
        if (signature.isEmpty()) {
            return false;
        }
        for (String fragment : fragments) {
            if (signature.contains(fragment)) {
                return true;
            }
        }
        if (!frameFragments.isEmpty() && state.extra().get("normalized_frames") instanceof List<?> frames) {
            for (Object frame : frames) {
                for (String fragment : frameFragments) {
                    if (frame.toString().contains(fragment)) {
                        return true;
                    }
                }
            }
        }
        Integer index = crash.crashingThread();
        CrashThread thread = crash.thread(index == null ? 0 : index);
        if (thread != null && thread.lastErrorValue() != null && OOM_LAST_ERRORS.contains(thread.lastErrorValue())) {
            return true;
        }
        return crash.reason() != null && OOM_REASONS.contains(crash.reason());
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        Long size = parseSize(crash.oomAllocationSize());
        if (size == null) {
            state.setSignature(name(), "OOM | unknown | " + state.signature());
        } else if (size <= SMALL_ALLOCATION_LIMIT) {
            state.setSignature(name(), "OOM | small");
        } else {
            state.setSignature(name(), "OOM | large | " + state.signature());
        }
    }

    private static Long parseSize(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
