package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pipeline: rule order, failure isolation, and the always-last clean-up rules. */
class SignatureGeneratorTest {

    private final SignatureGenerator generator = new SignatureGenerator(SignatureLists.defaults());

    @Test
    void postRulesRunInSocorrosOrder() {
        CrashData crash = TestCrashes.withAnnotations(TestCrashes.functions("deep_b", "deep_a"),
                "reason", "EXCEPTION_STACK_OVERFLOW", "Hang", "ui", "AbortMessage", "boom", "OOMAllocationSize", "17000000");
        // OOM before Abort, then stackoverflow, then hang outermost.
        assertEquals("hang: ui | stackoverflow | Abort | boom | OOM | large | deep_b", generator.generate(crash).signature());
    }

    @Test
    void unsymbolicatedFramesGroupByModuleWithTheDefaultLists() {
        // Two crashes in the same module without symbols, at different offsets: one signature.
        CrashData first = TestCrashes.crash("Linux", Frame.ofModuleOffset("libGLESv2_adreno.so", "0x1a2b3", null),
                TestCrashes.fn("app", "Renderer::draw()"));
        CrashData second = TestCrashes.crash("Linux", Frame.ofModuleOffset("libGLESv2_adreno.so", "0x9f00", null),
                TestCrashes.fn("app", "Renderer::draw()"));
        assertEquals("libGLESv2_adreno.so", generator.generate(first).signature());
        assertEquals(generator.generate(first).signature(), generator.generate(second).signature());
        // Unsymbolicated system DLLs are still skipped without their offsets; an unloaded module is named alone.
        CrashData windows = TestCrashes.crash("Windows NT", Frame.ofModuleOffset("KERNELBASE.dll", "0x3a8b9", null),
                new Frame(null, null, null, null, null, null, "0x7ffd00005387", null, null,
                        List.of(new UnloadedModule("PrxDrvPE64.dll", List.of("0x5387")))),
                TestCrashes.fn("dnsapi.dll", "QueryDnsForFamily"));
        SignatureResult result = generator.generate(windows);
        assertEquals("(unloaded PrxDrvPE64.dll)", result.signature());
        assertEquals("kernelbase.dll | (unloaded PrxDrvPE64.dll) | QueryDnsForFamily", result.protoSignature());
    }

    @Test
    void emptyStackWithStackwalkerError() {
        CrashData crash = new CrashData("Linux", 0, List.of(), java.util.Map.of("mdsw_status_string", "ERROR_NO_THREAD_LIST"));
        SignatureResult result = generator.generate(crash);
        assertEquals("EMPTY: no frame data available; ERROR_NO_THREAD_LIST", result.signature());
        assertEquals(List.of("SignatureGenerationRule: CSignatureTool: no frame data for crashing thread (0)"), result.notes());
        assertEquals(null, result.protoSignature());
    }

    @Test
    void failingRuleIsNotedAndTheRestStillRuns() {
        SignatureRule boom = new SignatureRule() {
            @Override
            public String name() {
                return "Boom";
            }

            @Override
            public void action(CrashData crash, SignatureState state) {
                throw new IllegalStateException("bad list entry");
            }
        };
        SignatureRule deep = (crash, state) -> {
            throw new StackOverflowError();
        };
        SignatureRule spaced = (crash, state) -> state.setSignature("Spaced", "  spaced   name  ");
        SignatureGenerator custom = new SignatureGenerator(List.of(spaced, boom, deep, new SigFixWhitespace()));
        SignatureResult result = custom.generate(TestCrashes.functions("main"));
        assertEquals("spaced name", result.signature());
        assertTrue(result.notes().contains("Boom: Rule failed: java.lang.IllegalStateException: bad list entry"), result.notes().toString());
        assertTrue(result.notes().stream().anyMatch(n -> n.contains("Rule failed: java.lang.StackOverflowError")), result.notes().toString());
    }

    @Test
    void longPrefixChainsAreTruncatedTo255() {
        List<String> functions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            functions.add("memcpy");
        }
        functions.add("Caller::run");
        SignatureResult result = generator.generate(TestCrashes.functions(functions.toArray(String[]::new)));
        assertEquals(255, result.signature().length());
        assertTrue(result.signature().startsWith("memcpy | memcpy | "));
        assertTrue(result.signature().endsWith("..."));
        assertTrue(result.notes().contains("SigTruncate: SigTrunc: signature truncated due to length"));
    }

    @Test
    void onlyPrintableCharactersSurvive() {
        SignatureResult result = generator.generate(TestCrashes.functions("bad\u0000name\u0007\u200b", "x"));
        assertEquals("badname", result.signature());
        SignatureResult tabs = generator.generate(TestCrashes.functions("a\tb\u00a0c"));
        assertEquals("a b c", tabs.signature());
    }

    @Test
    void debugLogExplainsEveryDecision() {
        CrashData crash = TestCrashes.fromMachineReadable(TestCrashes.corpus("generated/abort/stackwalk-m.txt"));
        SignatureResult result = generator.generate(crash);
        assertEquals("validate_config", result.signature());
        assertEquals(List.of(
                "SignatureGenerationRule: using CSignatureTool",
                "SignatureGenerationRule: using included signature lists",
                "SignatureGenerationRule: irrelevant; ignoring: \"__pthread_kill_implementation\"",
                "SignatureGenerationRule: irrelevant; ignoring: \"raise\"",
                "SignatureGenerationRule: irrelevant; ignoring: \"abort\"",
                "SignatureGenerationRule: not a prefix; stop: \"validate_config\"",
                "SignatureGenerationRule: change signature: \"\" -> \"validate_config\""), result.debugLog());
        assertTrue(result.protoSignature().startsWith("__pthread_kill_implementation | raise | abort | validate_config | run_abort | main"),
                result.protoSignature());
        assertEquals(result.protoSignature(), result.extra().get("proto_signature"));
        assertEquals(result.normalizedFrames(), result.extra().get("normalized_frames"));
        assertFalse(result.normalizedFrames().isEmpty());
    }

    @Test
    void sameResultsFromManyThreads() throws Exception {
        CrashData crash = TestCrashes.fromMachineReadable(TestCrashes.corpus("generated/exception/stackwalk-m.txt"));
        String expected = generator.generate(crash).signature();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> generator.generate(crash).signature()));
            }
            for (Future<String> future : futures) {
                assertEquals(expected, future.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
