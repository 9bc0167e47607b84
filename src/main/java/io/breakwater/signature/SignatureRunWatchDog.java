package io.breakwater.signature;

/**
 * Shutdown hangs: a crash inside {@code RunWatchdog} is the watchdog killing a stuck process, so the
 * signature is regenerated from thread 0 (the stuck main thread) and prefixed {@code shutdownhang}.
 */
public final class SignatureRunWatchDog implements SignatureRule {

    private final SignatureGenerationRule generation;

    public SignatureRunWatchDog(SignatureGenerationRule generation) {
        this.generation = generation;
    }

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        return state.signature().contains("RunWatchdog");
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        generation.action(crash.withCrashingThread(0), state);
        state.setSignature(name(), "shutdownhang | " + state.signature());
    }
}
