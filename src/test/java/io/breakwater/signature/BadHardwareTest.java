package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class BadHardwareTest {

    private final BadHardware rule = new BadHardware();

    @Test
    void prefixesDeviceDataErrors() {
        SignatureState state = stateWith("LdrpDrainWorkQueue");
        apply(rule, annotated("reason", "EXCEPTION_IN_PAGE_ERROR_READ / STATUS_DEVICE_DATA_ERROR"), state);
        assertEquals("bad hardware | LdrpDrainWorkQueue", state.signature());
    }

    @Test
    void otherReasonsAreIgnored() {
        assertFalse(apply(rule, annotated("reason", "EXCEPTION_ACCESS_VIOLATION_READ"), stateWith("x")));
        assertFalse(apply(rule, annotated(), stateWith("x")));
    }
}
