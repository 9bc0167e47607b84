package io.breakwater.signature;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/** String helpers of signature generation; each mirrors the behaviour of the Socorro helper named in its doc. */
public final class SignatureText {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private SignatureText() {
    }

    /**
     * Collapses each top-level {@code open…close} run (nested runs included; an unclosed run reaches the
     * end) into {@code replacement}. A run is kept verbatim when it contains one of {@code keepInside}, and
     * kept with its own contents collapsed when the text before it ends with one of {@code keepAfter}.
     */
    public static String collapse(String text, char open, char close, String replacement,
                                  List<String> keepAfter, List<String> keepInside) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != open) {
                out.append(c);
                i++;
                continue;
            }
            int end = matchingClose(text, i, open, close);
            boolean closed = end < n;
            String run = text.substring(i, closed ? end + 1 : n);
            if (containsAny(run, keepInside)) {
                out.append(run);
            } else if (endsWithAny(text, i, keepAfter)) {
                String inner = text.substring(i + 1, closed ? end : n);
                out.append(open).append(collapse(inner, open, close, replacement, keepAfter, keepInside));
                if (closed) {
                    out.append(close);
                }
            } else {
                out.append(replacement);
            }
            i = closed ? end + 1 : n;
        }
        return out.toString();
    }

    /** Index of the close matching the open at {@code start}, or {@code text.length()} when unclosed. */
    private static int matchingClose(String text, int start, char open, char close) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private static boolean containsAny(String run, List<String> needles) {
        for (String needle : needles) {
            if (run.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithAny(String text, int end, List<String> suffixes) {
        for (String suffix : suffixes) {
            int from = end - suffix.length();
            if (from >= 0 && text.startsWith(suffix, from)) {
                return true;
            }
        }
        return false;
    }

    /**
     * C/C++ template parameters to {@code <T>}, keeping {@code <name omitted>}, {@code <unknown in x.dll>},
     * IPC::ParamTraits and Rust trait-impl paths ({@code <A<B> as C::D>}) that reached the C/C++ rules.
     */
    public static String collapseCppTypes(String function) {
        return collapse(function, '<', '>', "<T>", List.of("IPC::ParamTraits"), List.of("name omitted", " in ", " as "));
    }

    /** Rust generic parameters to {@code <T>}, keeping trait-qualified paths such as {@code <X as Trait>}. */
    public static String collapseRustTypes(String function) {
        return collapse(function, '<', '>', "<T>", List.of(), List.of(" as "));
    }

    /**
     * Drops argument lists. Keeps {@code (anonymous namespace)} and the parentheses that are part of an
     * {@code operator()} name.
     */
    public static String collapseCppArguments(String function) {
        StringBuilder out = new StringBuilder(function.length());
        int i = 0;
        int n = function.length();
        while (i < n) {
            char c = function.charAt(i);
            if (c != '(') {
                out.append(c);
                i++;
                continue;
            }
            int end = matchingClose(function, i, '(', ')');
            boolean closed = end < n;
            String run = function.substring(i, closed ? end + 1 : n);
            if (run.equals("(anonymous namespace)") || endsWithAny(function, i, List.of("operator"))) {
                out.append(run);
            }
            i = closed ? end + 1 : n;
        }
        return out.toString();
    }

    /** Drops argument lists without exceptions (Rust). */
    public static String collapseArguments(String function) {
        return collapse(function, '(', ')', "", List.of(), List.of());
    }

    /**
     * Socorro's {@code drop_prefix_and_return_type}: splits on spaces outside {@code () {} [] <> `'} and
     * keeps the last token (re-joining a trailing argument list or {@code [clone …]} that a space split off).
     */
    public static String dropPrefixAndReturnType(String function) {
        List<String> tokens = new ArrayList<>();
        Deque<Character> levels = new ArrayDeque<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < function.length(); i++) {
            char c = function.charAt(i);
            char closeFor = closerOf(c);
            if (closeFor != 0) {
                levels.push(closeFor);
                current.append(c);
            } else if (isCloser(c)) {
                if (!levels.isEmpty() && levels.peek() == c) {
                    levels.pop();
                }
                current.append(c);
            } else if (!levels.isEmpty()) {
                current.append(c);
            } else if (c == ' ') {
                tokens.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        if (tokens.isEmpty()) {
            return "";
        }
        // Walk back over trailing "(args)" / "[clone …]" tokens, then join them to their function name.
        int first = tokens.size() - 1;
        while (first > 0 && (tokens.get(first).startsWith("(") || tokens.get(first).startsWith("[clone"))) {
            first--;
        }
        return String.join(" ", tokens.subList(first, tokens.size()));
    }

    private static char closerOf(char c) {
        return switch (c) {
            case '(' -> ')';
            case '{' -> '}';
            case '[' -> ']';
            case '<' -> '>';
            case '`' -> '\'';
            default -> 0;
        };
    }

    private static boolean isCloser(char c) {
        return c == ')' || c == '}' || c == ']' || c == '>' || c == '\'';
    }

    /**
     * Socorro's {@code parse_source_file}: the path part of a VCS-qualified file
     * ({@code hg:host/repo:path:rev}), of a drive-letter path, or an absolute path; null otherwise.
     */
    public static String parseSourceFile(String sourceFile) {
        if (sourceFile == null || sourceFile.isEmpty()) {
            return null;
        }
        String[] parts = sourceFile.split(":", -1);
        if (parts.length == 4) {
            return parts[2];
        }
        if (parts.length == 2) {
            return parts[1];
        }
        if (sourceFile.startsWith("/")) {
            return sourceFile;
        }
        return null;
    }

    /** Socorro's {@code strip_leading_zeros}: a hex number re-rendered as {@code 0x…} lowercase; other text unchanged. */
    public static String stripLeadingZeros(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() > 64 || !HEX.matcher(digits).matches()) {
            return text;
        }
        return "0x" + new BigInteger(digits, 16).toString(16);
    }

    /** Keeps printable ASCII (32–126) only: Socorro's {@code drop_bad_characters}. */
    public static String dropBadCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 32 && c <= 126) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Last path component of a Windows or POSIX path, ignoring trailing separators. */
    public static String baseName(String file) {
        int end = file.length();
        while (end > 0 && (file.charAt(end - 1) == '/' || file.charAt(end - 1) == '\\')) {
            end--;
        }
        String trimmed = file.substring(0, end);
        char separator = trimmed.indexOf('\\') >= 0 ? '\\' : '/';
        return trimmed.substring(trimmed.lastIndexOf(separator) + 1);
    }

    /** Python's {@code str.splitlines()} separators. */
    public static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isLineBreak(c)) {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
            i++;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e
                || c == 0x85 || c == 0x2028 || c == 0x2029;
    }
}
