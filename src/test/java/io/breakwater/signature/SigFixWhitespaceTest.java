package io.breakwater.signature;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SigFixWhitespaceTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "all   good; all good",
            "'all   good     '; all good",
            "'    all   good  '; all good",
            "all\\tgood; all good",
            "all\\n\\ngood; all good",
            "all  |  good; all | good",
            "'(anonymous namespace)::ThrowCallback  | x'; (anonymous namespace)::ThrowCallback | x",
    })
    void fixesWhitespace(String signature, String expected) {
        SignatureState state = stateWith(signature.replace("\\t", "\t").replace("\\n", "\n"));
        apply(new SigFixWhitespace(), annotated(), state);
        assertEquals(expected, state.signature());
    }
}
