package io.breakwater.signature;

import java.util.Locale;
import java.util.Set;

/**
 * Prefixes {@code stackoverflow} when the crash reason is a stack overflow ({@code EXCEPTION_STACK_OVERFLOW}),
 * or, as a Breakwater extension, when the {@code stack_overflow} / {@code StackOverflow} annotation is true
 * (POSIX signals cannot tell an overflow apart, so whoever detected it says so).
 */
public final class StackOverflowSignature implements SignatureRule {

    private static final Set<String> STACK_OVERFLOW_REASONS = Set.of("EXCEPTION_STACK_OVERFLOW");
    private static final Set<String> TRUE = Set.of("1", "true", "yes");

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        if (crash.reason() != null && STACK_OVERFLOW_REASONS.contains(crash.reason())) {
            return true;
        }
        String flag = crash.stackOverflow();
        return flag != null && TRUE.contains(flag.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        state.setSignature(name(), "stackoverflow | " + state.signature());
    }
}
