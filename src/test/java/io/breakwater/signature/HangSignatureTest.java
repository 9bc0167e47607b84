package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HangSignatureTest {

    private String hang(HangSignature rule, String... annotations) {
        SignatureState state = stateWith("LdrpDrainWorkQueue");
        apply(rule, annotated(annotations), state);
        return state.signature();
    }

    @Test
    void hangKindFromTheAnnotation() {
        assertEquals("hang: ui | LdrpDrainWorkQueue", hang(new HangSignature(false), "Hang", "ui"));
        assertEquals("hang: ui | LdrpDrainWorkQueue", hang(new HangSignature(true), "hang", " ui\n"));
    }

    @Test
    void legacyHangTypeOnlyWithExtensions() {
        assertEquals("hang | LdrpDrainWorkQueue", hang(new HangSignature(true), "hang_type", "-1"));
        assertEquals("chromehang | LdrpDrainWorkQueue", hang(new HangSignature(true), "hang_type", "1"));
        assertEquals("LdrpDrainWorkQueue", hang(new HangSignature(true), "hang_type", "0"));
        assertEquals("LdrpDrainWorkQueue", hang(new HangSignature(false), "hang_type", "-1"));
    }

    @Test
    void notAHang() {
        assertFalse(apply(new HangSignature(true), annotated("Hang", "0"), stateWith("x")));
        assertFalse(apply(new HangSignature(true), annotated(), stateWith("x")));
    }
}
