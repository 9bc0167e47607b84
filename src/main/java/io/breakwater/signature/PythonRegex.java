package io.breakwater.signature;

/**
 * Rewrites the Python {@code re} spellings that Java's regex engine reads differently, so Socorro-style
 * list files mean the same in Breakwater: named groups {@code (?P<n>…)} and back-references
 * {@code (?P=n)}, {@code \Z}, a {@code {} that starts no repetition (literal in Python, an error in Java),
 * and {@code [} or {@code &&} inside a character class (literal in Python, nesting / intersection in Java).
 */
final class PythonRegex {

    private PythonRegex() {
    }

    static String toJava(String python) {
        StringBuilder out = new StringBuilder(python.length() + 8);
        boolean inClass = false;
        int classStart = -1;
        int i = 0;
        int n = python.length();
        while (i < n) {
            char c = python.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char next = python.charAt(i + 1);
                if (next == 'Z' && !inClass) {
                    out.append("\\z");
                } else {
                    out.append(c).append(next);
                }
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == ']' && i > classStart) {
                    inClass = false;
                    out.append(c);
                } else if (c == '[') {
                    out.append("\\[");
                } else if (c == '&' && i + 1 < n && python.charAt(i + 1) == '&') {
                    out.append("&\\&");
                    i++;
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                i++;
                if (i < n && python.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                // A ']' right after '[' or '[^' is a literal member, in both dialects.
                classStart = i + 1;
                continue;
            }
            if (c == '(' && python.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 4;
                continue;
            }
            if (c == '(' && python.startsWith("(?P=", i)) {
                int close = python.indexOf(')', i);
                if (close > 0) {
                    out.append("\\k<").append(python, i + 4, close).append('>');
                    i = close + 1;
                    continue;
                }
            }
            if (c == '{') {
                if (!startsRepetition(python, i)) {
                    out.append("\\{");
                } else if (i + 1 < n && python.charAt(i + 1) == ',') {
                    out.append("{0"); // Python's {,n} is Java's {0,n}
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Python reads {m}, {m,}, {,n}, {m,n} after an atom as a repetition; anything else is a literal brace. */
    private static boolean startsRepetition(String s, int open) {
        if (open == 0) {
            return false;
        }
        int close = s.indexOf('}', open);
        if (close < 0) {
            return false;
        }
        String body = s.substring(open + 1, close);
        return body.matches("\\d+|\\d+,\\d*|,\\d+");
    }
}
