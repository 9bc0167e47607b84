package io.breakwater.signature;

/** Buckets the parent/child build-id mismatch assertion under one signature: its stacks are junk. */
public final class SignatureParentIDNotEqualsChildID implements SignatureRule {

    static final String ASSERTION = "MOZ_RELEASE_ASSERT(parentBuildID == childBuildID)";

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        return ASSERTION.equals(crash.mozCrashReason());
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        state.info(name(), "Signature replaced with MOZ_RELEASE_ASSERT, was: \"" + state.signature() + "\"");
        state.setSignature(name(), "parentBuildID != childBuildID");
    }
}
