package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.breakwater.signature.RuleTesting.apply;
import static io.breakwater.signature.RuleTesting.stateWith;
import static io.breakwater.signature.TestCrashes.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureRunWatchDogTest {

    private final SignatureRunWatchDog rule = new SignatureRunWatchDog(new SignatureGenerationRule(
            SignatureLists.of(List.of(), List.of("NtWaitForMultipleObjects"), List.of(), List.of())));

    @Test
    void predicate() {
        assertFalse(rule.predicate(RuleTesting.annotated(), stateWith("I'm not real")));
        assertTrue(rule.predicate(RuleTesting.annotated(), stateWith("mozilla::(anonymous namespace)::RunWatchdog")));
    }

    @Test
    void regeneratesFromThreadZero() {
        CrashThread main = CrashThread.of(List.of(fn("ntdll.dll", "NtWaitForMultipleObjects"), fn("xul.dll", "nsThread::Shutdown")));
        CrashThread watchdog = CrashThread.of(List.of(fn("xul.dll", "mozilla::(anonymous namespace)::RunWatchdog(void*)")));
        CrashData crash = CrashData.of("Windows NT", 1, List.of(main, watchdog));
        SignatureState state = stateWith("mozilla::(anonymous namespace)::RunWatchdog");
        apply(rule, crash, state);
        assertEquals("shutdownhang | nsThread::Shutdown", state.signature());
    }
}
