package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureShutdownTimeoutTest {

    private final SignatureShutdownTimeout rule = new SignatureShutdownTimeout();

    private SignatureState run(String json) {
        SignatureState state = stateWith("foo");
        apply(rule, annotated("async_shutdown_timeout", json), state);
        return state;
    }

    @Test
    void phaseAndSortedConditions() {
        SignatureState state = run("{\"phase\": \"beginning\", \"conditions\": [{\"name\": \"B\"}, {\"name\": \"A\"}]}");
        assertEquals("AsyncShutdownTimeout | beginning | A,B", state.signature());
        assertEquals(List.of("SignatureShutdownTimeout: Signature replaced with a Shutdown Timeout signature, was: \"foo\""), state.notes());
        assertEquals("AsyncShutdownTimeout | beginning | A,B,C", run("{\"phase\": \"beginning\", \"conditions\": [\"C\", \"A\", \"B\"]}").signature());
        assertEquals("AsyncShutdownTimeout | beginning | (none)", run("{\"phase\": \"beginning\", \"conditions\": []}").signature());
        assertEquals("AsyncShutdownTimeout | (unknown) | (none)", run("{\"no\": \"phase or condition\"}").signature());
    }

    @Test
    void unparsableJson() {
        SignatureState state = run("{{{{");
        assertEquals("AsyncShutdownTimeout | UNKNOWN", state.signature());
        assertTrue(state.notes().get(0).startsWith("SignatureShutdownTimeout: Error parsing AsyncShutdownTimeout:"), state.notes().toString());
    }

    @Test
    void onlyWithTheAnnotation() {
        assertFalse(apply(rule, annotated(), stateWith("foo")));
        SignatureState state = stateWith("foo");
        apply(rule, annotated("AsyncShutdownTimeout", "{\"phase\": \"x\", \"conditions\": [\"a\"]}"), state);
        assertEquals("AsyncShutdownTimeout | x | a", state.signature());
    }
}
