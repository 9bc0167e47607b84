package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SigPrintableCharsOnlyTest {

    private final SigPrintableCharsOnly rule = new SigPrintableCharsOnly();

    private String clean(String signature) {
        SignatureState state = stateWith(signature);
        apply(rule, annotated(), state);
        return state.signature();
    }

    @Test
    void dropsControlAndFormatCharacters() {
        assertEquals("abc | def", clean("a\u0000b\u0007c | d\u200be\u0085f"));
        assertEquals("x", clean("x\ud800"));
        assertEquals("x", clean("x\ue000"));
    }

    @Test
    void keepsPrintableUnicodeAndWhitespace() {
        assertEquals("Abort | Ünïcödé 😀 | f", clean("Abort | Ünïcödé 😀 | f"));
        assertEquals("a\tb\nc", clean("a\tb\nc"));
    }

    @Test
    void unchangedSignatureLeavesNoDebugEntry() {
        SignatureState state = stateWith("fine");
        int before = state.debugLog().size();
        apply(rule, annotated(), state);
        assertEquals(before, state.debugLog().size());
    }
}
