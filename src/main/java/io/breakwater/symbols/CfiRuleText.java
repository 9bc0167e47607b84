package io.breakwater.symbols;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Splits the text of a STACK CFI record ({@code ".cfa: $rsp 16 + .ra: .cfa -8 + ^"}) into register rules.
 * A token ending in a colon names a register; the tokens up to the next name form its expression, joined
 * with single spaces. As in Breakpad, a rule set fails when a name has no expression or an expression
 * has no name; rules before the failure stay applied.
 */
final class CfiRuleText {

    private CfiRuleText() {}

    static boolean apply(StringPool pool, int ref, Map<String, String> rules) {
        byte[] b = pool.bytes();
        int p = pool.bytesStart(ref);
        int end = p + pool.length(ref);
        String name = null;
        StringBuilder expr = new StringBuilder(24);
        while (true) {
            while (p < end && isSpace(b[p])) {
                p++;
            }
            if (p >= end) {
                return report(name, expr, rules);
            }
            int t = p;
            while (p < end && !isSpace(b[p])) {
                p++;
            }
            int len = p - t;
            if (b[p - 1] == ':') {
                if (len < 2) {
                    return false;
                }
                if (name != null || expr.length() > 0) {
                    if (!report(name, expr, rules)) {
                        return false;
                    }
                }
                name = new String(b, t, len - 1, StandardCharsets.UTF_8);
                expr.setLength(0);
            } else {
                if (expr.length() > 0) {
                    expr.append(' ');
                }
                for (int i = t; i < p; i++) {
                    expr.append((char) (b[i] & 0xff));
                }
            }
        }
    }

    private static boolean report(String name, StringBuilder expr, Map<String, String> rules) {
        if (name == null || expr.length() == 0) {
            return false;
        }
        rules.put(name, expr.toString());
        return true;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
