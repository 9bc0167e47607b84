package io.breakwater.stackwalk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A postfix expression split into tokens once. The same few hundred rule texts ({@code "$rsp 16 +"},
 * {@code ".cfa -8 + ^"}) recur in every frame of every crash, so splitting and number parsing are
 * done at most once per text rather than once per evaluation.
 */
final class PostfixProgram {

    static final byte LITERAL = 0;
    static final byte IDENTIFIER = 1;
    static final byte ADD = 2;
    static final byte SUBTRACT = 3;
    static final byte MULTIPLY = 4;
    static final byte DIVIDE = 5;
    static final byte REMAINDER = 6;
    static final byte ALIGN = 7;
    static final byte DEREFERENCE = 8;
    static final byte ASSIGN = 9;

    /** Distinct texts kept; a walk over many unusual modules simply starts the cache again. */
    private static final int CACHE_LIMIT = 8192;
    private static final Map<String, PostfixProgram> CACHE = new ConcurrentHashMap<>();

    final byte[] ops;
    /** Per token: the literal's value (for {@link #LITERAL}). */
    final long[] literals;
    /** Per token: the identifier (for {@link #IDENTIFIER}). */
    final String[] identifiers;

    private PostfixProgram(byte[] ops, long[] literals, String[] identifiers) {
        this.ops = ops;
        this.literals = literals;
        this.identifiers = identifiers;
    }

    static PostfixProgram of(String text) {
        PostfixProgram program = CACHE.get(text);
        if (program == null) {
            program = compile(text);
            if (CACHE.size() >= CACHE_LIMIT) CACHE.clear();
            CACHE.put(text, program);
        }
        return program;
    }

    /** Tokens are separated by whitespace; MSVC sometimes glues "=" to the next token ("=$eip"). */
    static PostfixProgram compile(String text) {
        List<String> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) i++;
            if (i >= n) break;
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
            String token = text.substring(start, i);
            if (token.length() > 1 && token.charAt(0) == '=') {
                tokens.add("=");
                tokens.add(token.substring(1));
            } else {
                tokens.add(token);
            }
        }
        byte[] ops = new byte[tokens.size()];
        long[] literals = new long[tokens.size()];
        String[] identifiers = new String[tokens.size()];
        for (int t = 0; t < tokens.size(); t++) {
            String token = tokens.get(t);
            byte op = token.length() == 1 ? operator(token.charAt(0)) : IDENTIFIER;
            if (op == IDENTIFIER) {
                Long literal = literalValue(token);
                if (literal != null) {
                    op = LITERAL;
                    literals[t] = literal;
                } else {
                    identifiers[t] = token;
                }
            }
            ops[t] = op;
        }
        return new PostfixProgram(ops, literals, identifiers);
    }

    private static byte operator(char c) {
        return switch (c) {
            case '+' -> ADD;
            case '-' -> SUBTRACT;
            case '*' -> MULTIPLY;
            case '/' -> DIVIDE;
            case '%' -> REMAINDER;
            case '@' -> ALIGN;
            case '^' -> DEREFERENCE;
            case '=' -> ASSIGN;
            default -> IDENTIFIER;
        };
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
