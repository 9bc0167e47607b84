package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OOMSignatureTest {

    private final OOMSignature socorro = new OOMSignature(OOMSignature.SOCORRO_FRAGMENTS);

    @Test
    void smallAllocationsReplaceTheSignature() {
        SignatureState state = stateWith("hello");
        apply(socorro, annotated("oom_allocation_size", "17"), state);
        assertEquals("OOM | small", state.signature());
        state = stateWith("hello");
        apply(socorro, annotated("OOMAllocationSize", "262144"), state);
        assertEquals("OOM | small", state.signature());
    }

    @Test
    void largeAllocationsKeepTheSignature() {
        SignatureState state = stateWith("hello");
        apply(socorro, annotated("OOMAllocationSize", "17000000"), state);
        assertEquals("OOM | large | hello", state.signature());
    }

    @Test
    void unknownSizeFromHandlerFrames() {
        SignatureState state = stateWith("mozalloc_handle_oom | this | is | bad");
        assertTrue(apply(socorro, annotated(), state));
        assertEquals("OOM | unknown | mozalloc_handle_oom | this | is | bad", state.signature());
        assertTrue(socorro.predicate(annotated(), stateWith("this | is | a | NS_ABORT_OOM | signature")));
        assertTrue(socorro.predicate(annotated(), stateWith("CrashAtUnhandlableOOM")));
    }

    @Test
    void windowsReasonAndLastErrorMeanOom() {
        assertTrue(socorro.predicate(annotated("reason", "STATUS_FATAL_MEMORY_EXHAUSTION"), stateWith("x")));
        CrashData lastError = CrashData.of("Windows NT", 0,
                List.of(new CrashThread(List.of(TestCrashes.fn("x")), "ERROR_COMMITMENT_LIMIT", null)));
        assertTrue(socorro.predicate(lastError, stateWith("x")));
    }

    @Test
    void ordinaryCrashesAreNotOom() {
        assertFalse(socorro.predicate(annotated(), stateWith("hello")));
        assertFalse(socorro.predicate(annotated("oom_allocation_size", "0"), stateWith("hello")));
        assertFalse(socorro.predicate(annotated(), stateWith("")));
    }

    @Test
    void breakwaterFragmentsCoverRustAndChromium() {
        OOMSignature breakwater = new OOMSignature(
                java.util.stream.Stream.concat(OOMSignature.SOCORRO_FRAGMENTS.stream(), OOMSignature.BREAKWATER_FRAGMENTS.stream()).toList());
        SignatureState state = stateWith("alloc::alloc::handle_alloc_error | myapp::load");
        apply(breakwater, annotated(), state);
        assertEquals("OOM | unknown | alloc::alloc::handle_alloc_error | myapp::load", state.signature());
        assertFalse(socorro.predicate(annotated(), stateWith("alloc::alloc::handle_alloc_error | myapp::load")));
    }

    @Test
    void garbageSizeCountsAsUnknown() {
        SignatureState state = stateWith("hello");
        apply(socorro, annotated("oom_allocation_size", "lots"), state);
        assertEquals("OOM | unknown | hello", state.signature());
    }
}
