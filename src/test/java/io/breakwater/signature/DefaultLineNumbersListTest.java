package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Breakwater's line-number list: interpreter loops keep their line, other functions do not. */
class DefaultLineNumbersListTest {

    private SignatureResult run(Frame... frames) {
        return DefaultListsTesting.GENERATOR.generate(CrashData.of("Linux", 0, List.of(CrashThread.of(List.of(frames)))));
    }

    @Test
    void interpreterLoopsKeepTheirLine() {
        assertEquals("_PyEval_EvalFrameDefault:4242", run(
                Frame.ofFunction("libpython3.11.so.1.0", "_PyEval_EvalFrameDefault", "/build/Python/ceval.c", 4242)).signature());
        assertEquals("luaV_execute:812", run(Frame.ofFunction("liblua.so", "luaV_execute", "lvm.c", 812)).signature());
    }

    @Test
    void otherFunctionsDoNot() {
        assertEquals("validate_config", run(Frame.ofFunction("crashgen", "validate_config", "/src/crashgen/crashgen.cc", 251)).signature());
        // Pinned: a function merely starting with the name is not an interpreter loop.
        assertEquals("luaV_executeHook", run(Frame.ofFunction("liblua.so", "luaV_executeHook", "lvm.c", 9)).signature());
    }
}
