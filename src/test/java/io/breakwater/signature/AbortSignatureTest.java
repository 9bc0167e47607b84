package io.breakwater.signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AbortSignatureTest {

    private final AbortSignature socorro = new AbortSignature(false);

    private String abort(AbortSignature rule, String message) {
        SignatureState state = stateWith("hello");
        apply(rule, annotated("abort_message", message), state);
        return state.signature();
    }

    @Test
    void prefixesTheMessage() {
        assertEquals("Abort | unknown | hello", abort(socorro, "unknown"));
        SignatureState state = stateWith("hello");
        apply(socorro, annotated("AbortMessage", "from the annotation"), state);
        assertEquals("Abort | from the annotation | hello", state.signature());
    }

    @Test
    void emptyOrMissingMessageDoesNothing() {
        assertFalse(apply(socorro, annotated("abort_message", ""), stateWith("hello")));
        assertFalse(apply(socorro, annotated(), stateWith("hello")));
    }

    @Test
    void longMessagesAreCut() {
        assertEquals("Abort | " + "a".repeat(77) + "... | hello", abort(socorro, "a".repeat(81)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "[5392] ###!!! ABORT: foo bar line 42; Abort | foo bar line 42 | hello",
            "[7616] ###!!! ABORT: unsafe destruction: file c:/builds/src/dom/plugins/ipc/PluginModuleParent.cpp, line 777; Abort | unsafe destruction | hello",
            "[204] ###!!! ABORT: file ?, ; Abort | hello",
            "[4648] ###!!! ABORT: file resource:///modules/sessionstore/SessionStore.jsm, line 1459; Abort | hello",
            "unable to find a usable font (\u5fae\u8f6f\u96c5\u9ed1); Abort | unable to find a usable font | hello",
            "\u018a unknown; Abort | unknown | hello",
    })
    void removesUnwantedParts(String message, String expected) {
        assertEquals(expected, abort(socorro, message));
    }

    @Test
    void breakwaterCollapsesAddresses() {
        AbortSignature breakwater = new AbortSignature(true);
        assertEquals("Abort | free(): invalid pointer 0x<addr> | hello", abort(breakwater, "free(): invalid pointer 0x55d0c2f1a2b0"));
        assertEquals("Abort | free(): invalid pointer 0x55d0c2f1a2b0 | hello", abort(socorro, "free(): invalid pointer 0x55d0c2f1a2b0"));
        // Short hex numbers (flags, small sizes) stay.
        assertEquals("Abort | bad flags 0x1f | hello", abort(breakwater, "bad flags 0x1f"));
    }
}
