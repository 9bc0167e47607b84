package io.breakwater.signature;

/** Cuts signatures longer than {@value #SIGNATURE_MAX_LENGTH} characters to 252 plus {@code ...}. */
public final class SigTruncate implements SignatureRule {

    public static final int SIGNATURE_MAX_LENGTH = 255;

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        String signature = state.signature();
        return signature.codePointCount(0, signature.length()) > SIGNATURE_MAX_LENGTH;
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        String signature = state.signature();
        int end = signature.offsetByCodePoints(0, SIGNATURE_MAX_LENGTH - 3);
        state.setSignature(name(), signature.substring(0, end) + "...");
        state.info(name(), "SigTrunc: signature truncated due to length");
    }
}
