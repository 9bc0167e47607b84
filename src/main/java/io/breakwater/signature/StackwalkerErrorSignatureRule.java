package io.breakwater.signature;

/** Appends the stack walker's status to an {@code EMPTY: …} signature, so failed walks are told apart. */
public final class StackwalkerErrorSignatureRule implements SignatureRule {

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        return state.signature().startsWith("EMPTY") && crash.stackwalkerStatus() != null;
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        state.setSignature(name(), state.signature() + "; " + crash.stackwalkerStatus());
    }
}
