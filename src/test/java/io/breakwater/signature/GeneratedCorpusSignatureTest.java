package io.breakwater.signature;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Breakwater's default lists on real crashes of the generated corpus (Linux, gcc, glibc 2.36, Breakpad
 * walker output): runtime frames (raise/abort, malloc checks, C++ terminate, Breakpad's own dump writer)
 * must give way to the application frame that caused the crash.
 */
class GeneratedCorpusSignatureTest {

    private final SignatureGenerator generator = new SignatureGenerator(SignatureLists.defaults());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            // abort(): pthread_kill/raise/abort skipped, the caller of abort() is the signature.
            "abort; validate_config",
            // Same crash built with DWARF 4: the inlined invariant check is its own frame.
            "dwarf4/abort; check_invariant",
            // Uncaught C++ exception: terminate/throw machinery (and the mis-resolved stripped libstdc++
            // symbols) skipped; the PGO cold clone label removed.
            "exception; (anonymous namespace)::ThrowCallback",
            "dwarf4/exception; validate_level",
            // glibc heap check in free(): internals skipped, free() kept as prefix with its caller.
            "heap; __libc_free | crashlib_release",
            "dwarf4/heap; __libc_free | crashlib_release",
            // NULL store in an inlined function: the inline frame is the top frame.
            "segv; store_value",
            "dwarf4/segv; store_value",
            "fpe; divide",
            "dwarf4/fpe; divide",
            "trap; crashlib_checked_op.cold",
            "dwarf4/trap; lib_assert_inner",
            // Dump requested through Breakpad: the dump writer is skipped.
            "dumprequest; request_dump_inner",
            "dwarf4/dumprequest; request_dump_inner",
            "stackoverflow; overflow_ping",
            "stackoverflow-deep; deep_b",
    })
    void defaultListsGiveTheApplicationFrame(String dir, String expected) {
        CrashData crash = TestCrashes.fromMachineReadable(TestCrashes.corpus("generated/" + dir + "/stackwalk-m.txt"));
        SignatureResult result = generator.generate(crash);
        assertEquals(expected, result.signature(), () -> String.join("\n", result.debugLog()));
    }
}
