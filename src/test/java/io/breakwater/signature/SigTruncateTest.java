package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigTruncateTest {

    private final SigTruncate rule = new SigTruncate();

    @Test
    void exactly255IsKept() {
        assertFalse(apply(rule, annotated(), stateWith("9".repeat(255))));
        assertFalse(apply(rule, annotated(), stateWith("0".repeat(100))));
    }

    @Test
    void longerIsCutTo255WithEllipsis() {
        SignatureState state = stateWith("9".repeat(256));
        assertTrue(apply(rule, annotated(), state));
        assertEquals(255, state.signature().length());
        assertEquals("9".repeat(252) + "...", state.signature());
        assertTrue(state.notes().contains("SigTruncate: SigTrunc: signature truncated due to length"));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "😀".repeat(255);
        assertFalse(apply(rule, annotated(), stateWith(emoji)), "255 emoji are 255 characters");
        SignatureState state = stateWith("😀".repeat(300));
        apply(rule, annotated(), state);
        assertEquals(255, state.signature().codePointCount(0, state.signature().length()));
        assertTrue(state.signature().endsWith("😀..."));
    }
}
