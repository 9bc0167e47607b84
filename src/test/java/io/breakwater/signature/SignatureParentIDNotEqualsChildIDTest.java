package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.breakwater.signature.RuleTesting.annotated;
import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SignatureParentIDNotEqualsChildIDTest {

    private final SignatureParentIDNotEqualsChildID rule = new SignatureParentIDNotEqualsChildID();

    @Test
    void replacesTheSignature() {
        SignatureState state = stateWith("fooo::baar");
        apply(rule, annotated("moz_crash_reason", "MOZ_RELEASE_ASSERT(parentBuildID == childBuildID)"), state);
        assertEquals("parentBuildID != childBuildID", state.signature());
        assertEquals(List.of("SignatureParentIDNotEqualsChildID: Signature replaced with MOZ_RELEASE_ASSERT, was: \"fooo::baar\""), state.notes());
    }

    @Test
    void otherReasonsAreIgnored() {
        assertFalse(apply(rule, annotated("moz_crash_reason", ""), stateWith("x")));
        assertFalse(apply(rule, annotated("moz_crash_reason", "MOZ_RELEASE_ASSERT(false)"), stateWith("x")));
    }
}
