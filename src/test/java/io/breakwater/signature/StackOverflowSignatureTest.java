package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class StackOverflowSignatureTest {

    private final StackOverflowSignature rule = new StackOverflowSignature();

    @Test
    void windowsStackOverflowReason() {
        SignatureState state = stateWith("deep_b");
        apply(rule, annotated("reason", "EXCEPTION_STACK_OVERFLOW"), state);
        assertEquals("stackoverflow | deep_b", state.signature());
    }

    @Test
    void annotationForPlatformsWhoseReasonCannotTell() {
        SignatureState state = stateWith("deep_b");
        apply(rule, annotated("reason", "SIGSEGV /SEGV_ACCERR", "stack_overflow", "true"), state);
        assertEquals("stackoverflow | deep_b", state.signature());
        assertFalse(apply(rule, annotated("reason", "SIGSEGV /SEGV_ACCERR", "StackOverflow", "0"), stateWith("x")));
        assertFalse(apply(rule, annotated("reason", "SIGSEGV /SEGV_ACCERR"), stateWith("x")));
    }
}
