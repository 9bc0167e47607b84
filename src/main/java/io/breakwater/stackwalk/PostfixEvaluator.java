package io.breakwater.stackwalk;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Evaluates Breakpad postfix expressions (STACK CFI rules and STACK WIN program strings).
 *
 * <p>Tokens are separated by whitespace. Literals are decimal with an optional sign; anything else
 * that is not an operator is an identifier ({@code $rsp}, {@code .cfa}, {@code $T0}) resolved in the
 * dictionary. Binary operators {@code + - * / % @} (align down), unary {@code ^} (read a word from the
 * stack) and {@code =} (assign to a {@code $}-variable). Arithmetic wraps at the word size. A program
 * whose evaluation fails leaves the dictionary with whatever it had assigned so far.
 */
public final class PostfixEvaluator {

    /** Upper bound on stack depth; real programs need a handful of slots. */
    private static final int MAX_STACK = 256;

    private final Map<String, Long> dictionary;
    private final StackMemory memory;
    private final long mask;

    private final long[] values = new long[MAX_STACK];
    private final String[] identifiers = new String[MAX_STACK];
    private int depth;

    public PostfixEvaluator(Map<String, Long> dictionary, StackMemory memory, int wordSize) {
        this.dictionary = dictionary;
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
            return run(program, assigned) && depth == 0;
        } finally {
            clear();
        }
    }

    /** Evaluates an expression that must leave exactly one value. */
    public OptionalLong evaluateForValue(String expression) {
        depth = 0;
        try {
            if (!run(expression, null) || depth != 1) return OptionalLong.empty();
            return pop();
        } finally {
            clear();
        }
    }

    private void clear() {
        for (int i = 0; i < depth; i++) identifiers[i] = null;
        depth = 0;
    }

    private boolean run(String text, Set<String> assigned) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) i++;
            if (i >= n) break;
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
            String token = text.substring(start, i);
            // MSVC sometimes glues "=" to the next token: "=$eip".
            if (token.length() > 1 && token.charAt(0) == '=') {
                if (!token("=", assigned) || !token(token.substring(1), assigned)) return false;
            } else if (!token(token, assigned)) {
                return false;
            }
        }
        return true;
    }

    private boolean token(String token, Set<String> assigned) {
        if (token.length() == 1) {
            char c = token.charAt(0);
            switch (c) {
                case '+', '-', '*', '/', '%', '@' -> {
                    OptionalLong b = pop();
                    if (b.isEmpty()) return false;
                    OptionalLong a = pop();
                    if (a.isEmpty()) return false;
                    long x = a.getAsLong();
                    long y = b.getAsLong();
                    long r;
                    switch (c) {
                        case '+' -> r = x + y;
                        case '-' -> r = x - y;
                        case '*' -> r = x * y;
                        case '/' -> {
                            if (y == 0) return false;
                            r = Long.divideUnsigned(x, y);
                        }
                        case '%' -> {
                            if (y == 0) return false;
                            r = Long.remainderUnsigned(x, y);
                        }
                        default -> r = x & ~(y - 1);
                    }
                    return pushValue(r & mask);
                }
                case '^' -> {
                    OptionalLong address = pop();
                    if (address.isEmpty() || memory == null) return false;
                    OptionalLong v = memory.readWord(address.getAsLong());
                    if (v.isEmpty()) return false;
                    return pushValue(v.getAsLong() & mask);
                }
                case '=' -> {
                    OptionalLong value = pop();
                    if (value.isEmpty() || depth == 0) return false;
                    depth--;
                    String name = identifiers[depth];
                    identifiers[depth] = null;
                    if (name == null || name.isEmpty() || name.charAt(0) != '$') return false;
                    dictionary.put(name, value.getAsLong());
                    if (assigned != null) assigned.add(name);
                    return true;
                }
                default -> { }
            }
        }
        if (depth >= MAX_STACK) return false;
        Long literal = literalValue(token);
        if (literal != null) {
            values[depth] = literal & mask;
            identifiers[depth] = null;
        } else {
            identifiers[depth] = token;
        }
        depth++;
        return true;
    }

    private boolean pushValue(long v) {
        if (depth >= MAX_STACK) return false;
        values[depth] = v;
        identifiers[depth] = null;
        depth++;
        return true;
    }

    private OptionalLong pop() {
        if (depth == 0) return OptionalLong.empty();
        depth--;
        String name = identifiers[depth];
        if (name == null) return OptionalLong.of(values[depth]);
        identifiers[depth] = null;
        Long v = dictionary.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v & mask);
    }

    /** Decimal literal with optional sign, or null (then the token is an identifier, as in Breakpad). */
    static Long literalValue(String token) {
        int n = token.length();
        int i = 0;
        if (n > 0 && (token.charAt(0) == '-' || token.charAt(0) == '+')) i = 1;
        if (i >= n) return null;
        for (int j = i; j < n; j++) {
            char c = token.charAt(j);
            if (c < '0' || c > '9') return null;
        }
        try {
            long v = Long.parseUnsignedLong(token, i, n, 10);
            return token.charAt(0) == '-' ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
