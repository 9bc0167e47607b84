package io.breakwater.signature;

/** One step of signature generation: runs its action when its predicate holds. */
public interface SignatureRule {

    /** Name used in notes and the debug log; Socorro's rule names are kept so tooling reads them alike. */
    default String name() {
        return getClass().getSimpleName();
    }

    default boolean predicate(CrashData crash, SignatureState state) {
        return true;
    }

    void action(CrashData crash, SignatureState state);
}
