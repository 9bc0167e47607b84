package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.breakwater.signature.RuleTesting.annotated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureGenerationRuleTest {

    private final SignatureGenerationRule rule = new SignatureGenerationRule(
            SignatureLists.of(List.of(), List.of("(Nt|Zw)?WaitForMultipleObjects(Ex)?$", "WaitForMultipleObjectsExImplementation$",
                    "RealMsgWaitForMultipleObjectsEx$"), List.of("MsgWaitForMultipleObjects$"), List.of()));

    @Test
    void javaTraceWins() {
        SignatureState state = new SignatureState();
        rule.action(annotated("JavaStackTrace", "   SomeJavaException: " + "t".repeat(1000)
                + "  \nat org.mozilla.lars.myInvention(larsFile.java)"), state);
        assertEquals("SomeJavaException: at org.mozilla.lars.myInvention(larsFile.java)", state.signature());
        assertFalse(state.extra().containsKey("proto_signature"));
        assertEquals(List.of("SignatureGenerationRule: JavaSignatureTool: dropped Java exception description due to length"), state.notes());
    }

    @Test
    void windowsStackWithProtoSignature() {
        CrashData crash = TestCrashes.crash("Windows NT",
                TestCrashes.fn("ntdll.dll", "NtWaitForMultipleObjects"),
                TestCrashes.fn("KERNELBASE.dll", "WaitForMultipleObjectsEx"),
                TestCrashes.fn("kernel32.dll", "WaitForMultipleObjectsExImplementation"),
                TestCrashes.fn("user32.dll", "RealMsgWaitForMultipleObjectsEx(void **fakeargs)"),
                TestCrashes.fn("user32.dll", "MsgWaitForMultipleObjects"),
                new Frame(5, "NPSWF32_14_0_0_125.dll", "F_1152915508__________________________________",
                        "F117835525________________________________________", 118, "0x36a13b", "0x5e3aa13b", "cfi", null, null),
                TestCrashes.fn("NPSWF32_14_0_0_125.dll", "F2166389______________________________________"));
        SignatureState state = new SignatureState();
        rule.action(crash, state);
        assertEquals("MsgWaitForMultipleObjects | F_1152915508__________________________________", state.signature());
        assertEquals("NtWaitForMultipleObjects | WaitForMultipleObjectsEx | WaitForMultipleObjectsExImplementation | "
                + "RealMsgWaitForMultipleObjectsEx | MsgWaitForMultipleObjects | F_1152915508__________________________________ | "
                + "F2166389______________________________________", state.extra().get("proto_signature"));
        assertEquals(7, ((List<?>) state.extra().get("normalized_frames")).size());
        assertEquals(List.of(), state.notes());
    }

    @Test
    void templatesAndSpecialCases() {
        SignatureState state = new SignatureState();
        rule.action(TestCrashes.crash("Windows NT",
                TestCrashes.fn("ntdll.dll", "NtWaitForMultipleObjects"),
                TestCrashes.fn("KERNELBASE.dll", "<name omitted>"),
                TestCrashes.fn("kernel32.dll", "IPC::ParamTraits<mozilla::net::NetAddr>::Write")), state);
        assertEquals("<name omitted>", state.signature());
        state = new SignatureState();
        rule.action(TestCrashes.crash("Windows NT",
                TestCrashes.fn("ntdll.dll", "NtWaitForMultipleObjects"),
                TestCrashes.fn("KERNELBASE.dll", "Alpha<Bravo<Charlie>, Delta>::Echo<Foxtrot>")), state);
        assertEquals("Alpha<T>::Echo<T>", state.signature());
    }

    @Test
    void unsymbolicatedWindowsModulesAreLowerCased() {
        SignatureState state = new SignatureState();
        rule.action(TestCrashes.crash("Windows NT",
                new Frame(null, null, null, null, null, null, "0x5e39bf21", "cfi", null, null),
                new Frame(null, null, null, null, null, null, "0x5e39bf21", "cfi", null, null),
                Frame.ofModuleOffset("USER2.dll", "0x20869", "0x77370869")), state);
        assertEquals("@0x5e39bf21", state.signature());
        assertEquals("@0x5e39bf21 | @0x5e39bf21 | user2.dll", state.extra().get("proto_signature"));
    }

    @Test
    void missingCrashingThreadMeansThreadZero() {
        CrashData crash = CrashData.of("Linux", null, List.of(CrashThread.of(List.of(TestCrashes.fn("main")))));
        SignatureState state = new SignatureState();
        rule.action(crash, state);
        assertEquals("main", state.signature());
        assertTrue(state.debugLog().contains("SignatureGenerationRule: no crashing thread given; using thread 0"));
    }

    @Test
    void crashingThreadOutOfRange() {
        CrashData crash = CrashData.of("Linux", 7, List.of(CrashThread.of(List.of(TestCrashes.fn("main")))));
        SignatureState state = new SignatureState();
        rule.action(crash, state);
        assertEquals("EMPTY: no frame data available", state.signature());
        assertEquals(List.of("SignatureGenerationRule: CSignatureTool: no frame data for crashing thread (7)"), state.notes());
        assertNull(state.extra().get("proto_signature"));
    }
}
