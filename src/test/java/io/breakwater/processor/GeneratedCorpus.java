package io.breakwater.processor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generated corpus (real crashes of a test program, with its symbols) and what processing must make of
 * each dump. Expected signatures are what the shipped default lists give (the signature package's corpus
 * test checks the same on Breakpad's own walk of these dumps): the application frame that caused the crash;
 * for the recursions, not flagged by a StackOverflow annotation, the recursing function.
 */
final class GeneratedCorpus {

    static final Path DIR = Path.of("..", "shared", "corpus", "generated");
    static final Path SYMBOLS = DIR.resolve("symbols");

    record Expected(String signature, String reasonPrefix) {}

    static final Map<String, Expected> DUMPS = new LinkedHashMap<>();

    static {
        for (String prefix : new String[]{"", "dwarf4/"}) {
            boolean dwarf4 = !prefix.isEmpty();
            DUMPS.put(prefix + "abort", new Expected(dwarf4 ? "check_invariant" : "validate_config", "SIGABRT"));
            DUMPS.put(prefix + "exception", new Expected(dwarf4 ? "validate_level" : "(anonymous namespace)::ThrowCallback", "SIGABRT"));
            DUMPS.put(prefix + "heap", new Expected("__libc_free | crashlib_release", "SIGABRT"));
            DUMPS.put(prefix + "segv", new Expected("store_value", "SIGSEGV"));
            DUMPS.put(prefix + "fpe", new Expected("divide", "SIGFPE"));
            DUMPS.put(prefix + "trap", new Expected(dwarf4 ? "lib_assert_inner" : "crashlib_checked_op.cold", "SIGILL"));
            DUMPS.put(prefix + "dumprequest", new Expected("request_dump_inner", "DUMP_REQUESTED"));
            DUMPS.put(prefix + "stackoverflow", new Expected("overflow_ping", "SIGSEGV"));
            DUMPS.put(prefix + "stackoverflow-deep", new Expected("deep_b", "SIGSEGV"));
        }
    }

    private GeneratedCorpus() {}

    static Path dump(String dir) {
        return DIR.resolve(dir).resolve("crash.dmp");
    }
}
