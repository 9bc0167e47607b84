package io.breakwater.symbols;

import java.util.List;

/**
 * Everything the stack walker asks of one module's Breakpad symbols. All offsets are relative to the
 * module's load address. Implementations are immutable and safe to share between threads.
 */
public interface ModuleSymbols {

    /** The MODULE line: operating system, CPU, debug id and debug file name. */
    ModuleId module();

    /** The FUNC record covering {@code offset}, or null. */
    FunctionHit function(long offset);

    /** The line record covering {@code offset} inside its FUNC, or null. */
    LineHit line(long offset);

    /**
     * INLINE records covering {@code offset}, outermost (nest level 0) first; empty when none.
     * Each entry names the inlined function and the call site in its caller.
     */
    List<InlineHit> inlines(long offset);

    /** The PUBLIC record with the greatest address not above {@code offset}, or null. */
    PublicHit publicSymbol(long offset);

    /**
     * STACK CFI rules in force at {@code offset}: the INIT record's rules updated by every delta record at
     * or before {@code offset}, or null when no STACK CFI INIT range covers it.
     */
    CfiRules cfi(long offset);

    /** The STACK WIN record covering {@code offset} (type 4 preferred over type 0), or null. */
    WinFrameInfo winFrame(long offset);

    record ModuleId(String os, String cpu, String debugId, String debugFile) {}

    record FunctionHit(String name, long address, long size, long parameterSize, boolean multiple) {}

    record LineHit(String file, int line, long address, long size) {}

    /** One inlined call: {@code name} was inlined at {@code callFile}:{@code callLine} of its caller. */
    record InlineHit(int depth, String name, String callFile, int callLine, long address, long size) {}

    record PublicHit(String name, long address, long parameterSize, boolean multiple) {}

    /**
     * Register rules as Breakpad writes them: {@code ".cfa" -> "rsp 8 +"}, {@code ".ra" -> ".cfa -8 + ^"},
     * {@code "rbp" -> ".cfa -16 + ^"}. Iteration order is not significant.
     * <p>
     * One instance stands for one rule set and is shared while its module stays cached, so the stack walker
     * keeps its compiled form here ({@link #compiled}) instead of looking every rule text up per frame.
     */
    final class CfiRules {
        private final java.util.Map<String, String> rules;
        private volatile Object compiled;

        public CfiRules(java.util.Map<String, String> rules) {
            this.rules = rules;
        }

        public java.util.Map<String, String> rules() {
            return rules;
        }

        /**
         * The one form its single user compiles these rules into, made on first use. Two threads may both
         * compile it; either result is kept, as both are equal.
         */
        @SuppressWarnings("unchecked")
        public <T> T compiled(java.util.function.Function<java.util.Map<String, String>, T> compile) {
            Object form = compiled;
            if (form == null) {
                form = compile.apply(rules);
                compiled = form;
            }
            return (T) form;
        }

        @Override
        public String toString() {
            return "CfiRules" + rules;
        }
    }

    /** A STACK WIN record. {@code programString} is null when the record uses allocatesBasePointer. */
    record WinFrameInfo(int type, long address, long size, long prologSize, long epilogSize,
                        long parameterSize, long savedRegisterSize, long localSize, long maxStackSize,
                        boolean allocatesBasePointer, String programString) {}
}
