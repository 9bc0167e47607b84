package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class StackwalkerErrorSignatureRuleTest {

    private final StackwalkerErrorSignatureRule rule = new StackwalkerErrorSignatureRule();

    @Test
    void appendsStatusToEmptySignatures() {
        SignatureState state = stateWith("EMPTY: no frame data available");
        apply(rule, annotated("mdsw_status_string", "ERROR_MINIDUMP_NOT_FOUND"), state);
        assertEquals("EMPTY: no frame data available; ERROR_MINIDUMP_NOT_FOUND", state.signature());
    }

    @Test
    void leavesRealSignaturesAndMissingStatusAlone() {
        assertFalse(apply(rule, annotated("mdsw_status_string", "OK"), stateWith("validate_config")));
        assertFalse(apply(rule, annotated(), stateWith("EMPTY: like my soul")));
    }
}
