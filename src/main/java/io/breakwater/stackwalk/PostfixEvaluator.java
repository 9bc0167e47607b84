package io.breakwater.stackwalk;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Evaluates Breakpad postfix expressions (STACK CFI rules and STACK WIN program strings).
 *
 * <p>Tokens are separated by whitespace. Literals are decimal with an optional sign; anything else
 * that is not an operator is an identifier ({@code $rsp}, {@code .cfa}, {@code $T0}) resolved through
 * {@link Variables}. Binary operators {@code + - * / % @} (align down), unary {@code ^} (read a word from
 * the stack) and {@code =} (assign to a {@code $}-variable). Arithmetic wraps at the word size. A program
 * whose evaluation fails leaves the variables with whatever it had assigned so far. Texts are split into
 * tokens once ({@link PostfixProgram}).
 */
public final class PostfixEvaluator {

    /** Where identifiers get their values and {@code $}-variables are assigned. */
    public interface Variables {
        /** The value of {@code name}, or null when it has none. */
        Long get(String name);

        void put(String name, long value);

        static Variables of(Map<String, Long> map) {
            return new Variables() {
                @Override
                public Long get(String name) {
                    return map.get(name);
                }

                @Override
                public void put(String name, long value) {
                    map.put(name, value);
                }
            };
        }
    }

    /** Upper bound on stack depth; real programs need a handful of slots. */
    private static final int MAX_STACK = 256;

    private final Variables variables;
    private final StackMemory memory;
    private final long mask;

    private final long[] values = new long[MAX_STACK];
    private final String[] identifiers = new String[MAX_STACK];
    private int depth;
    /** Set by {@link #pop()}: whether the popped slot had a value. */
    private boolean popped;

    public PostfixEvaluator(Map<String, Long> dictionary, StackMemory memory, int wordSize) {
        this(Variables.of(dictionary), memory, wordSize);
    }

    public PostfixEvaluator(Variables variables, StackMemory memory, int wordSize) {
        this.variables = variables;
        this.memory = memory;
        this.mask = wordSize == 8 ? -1L : 0xFFFF_FFFFL;
    }

    /**
     * Runs a program of assignments. Returns true when every token evaluated and nothing is left on
     * the stack. Assigned variable names are added to {@code assigned} when it is not null.
     */
    public boolean evaluate(String program, Set<String> assigned) {
        depth = 0;
        try {
            return run(PostfixProgram.of(program), assigned) && depth == 0;
        } finally {
            clear();
        }
    }

    /** Evaluates an expression that must leave exactly one value. */
    public OptionalLong evaluateForValue(String expression) {
        return evaluateForValue(PostfixProgram.of(expression));
    }

    OptionalLong evaluateForValue(PostfixProgram expression) {
        depth = 0;
        try {
            if (!run(expression, null) || depth != 1) return OptionalLong.empty();
            long v = pop();
            return popped ? OptionalLong.of(v) : OptionalLong.empty();
        } finally {
            clear();
        }
    }

    private void clear() {
        for (int i = 0; i < depth; i++) identifiers[i] = null;
        depth = 0;
    }

    private boolean run(PostfixProgram program, Set<String> assigned) {
        byte[] ops = program.ops;
        for (int t = 0; t < ops.length; t++) {
            byte op = ops[t];
            switch (op) {
                case PostfixProgram.LITERAL -> {
                    if (!pushValue(program.literals[t] & mask)) return false;
                }
                case PostfixProgram.IDENTIFIER -> {
                    if (depth >= MAX_STACK) return false;
                    identifiers[depth++] = program.identifiers[t];
                }
                case PostfixProgram.DEREFERENCE -> {
                    long address = pop();
                    if (!popped || memory == null) return false;
                    OptionalLong v = memory.readWord(address);
                    if (v.isEmpty() || !pushValue(v.getAsLong() & mask)) return false;
                }
                case PostfixProgram.ASSIGN -> {
                    long value = pop();
                    if (!popped || depth == 0) return false;
                    depth--;
                    String name = identifiers[depth];
                    identifiers[depth] = null;
                    if (name == null || name.isEmpty() || name.charAt(0) != '$') return false;
                    variables.put(name, value);
                    if (assigned != null) assigned.add(name);
                }
                default -> {
                    long y = pop();
                    if (!popped) return false;
                    long x = pop();
                    if (!popped) return false;
                    long r;
                    switch (op) {
                        case PostfixProgram.ADD -> r = x + y;
                        case PostfixProgram.SUBTRACT -> r = x - y;
                        case PostfixProgram.MULTIPLY -> r = x * y;
                        case PostfixProgram.DIVIDE -> {
                            if (y == 0) return false;
                            r = Long.divideUnsigned(x, y);
                        }
                        case PostfixProgram.REMAINDER -> {
                            if (y == 0) return false;
                            r = Long.remainderUnsigned(x, y);
                        }
                        default -> r = x & ~(y - 1);
                    }
                    if (!pushValue(r & mask)) return false;
                }
            }
        }
        return true;
    }

    private boolean pushValue(long v) {
        if (depth >= MAX_STACK) return false;
        values[depth] = v;
        identifiers[depth] = null;
        depth++;
        return true;
    }

    /** The top value (an identifier is looked up); {@link #popped} says whether there was one. */
    private long pop() {
        popped = false;
        if (depth == 0) return 0;
        depth--;
        String name = identifiers[depth];
        if (name == null) {
            popped = true;
            return values[depth];
        }
        identifiers[depth] = null;
        Long v = variables.get(name);
        if (v == null) return 0;
        popped = true;
        return v & mask;
    }
}
