package io.breakwater.signature;

/** Runs one rule the way the generator does, on a state that already holds a signature. */
final class RuleTesting {

    private RuleTesting() {
    }

    static SignatureState stateWith(String signature) {
        SignatureState state = new SignatureState();
        state.setSignature("Test", signature);
        return state;
    }

    /** Applies the rule when its predicate holds; returns whether it ran. */
    static boolean apply(SignatureRule rule, CrashData crash, SignatureState state) {
        if (rule.predicate(crash, state)) {
            rule.action(crash, state);
            return true;
        }
        return false;
    }

    static CrashData annotated(String... keyValues) {
        return TestCrashes.withAnnotations(TestCrashes.functions("main"), keyValues);
    }
}
