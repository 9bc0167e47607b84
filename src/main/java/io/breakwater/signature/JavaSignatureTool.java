package io.breakwater.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Signature from a Java stack trace (the {@code JavaStackTrace} annotation), as Socorro's
 * {@code JavaSignatureTool}: exception class, description (8-digit hex object addresses replaced by
 * {@code <addr>}) and the first frame without its line number. A description that makes the signature
 * longer than {@value #DESCRIPTION_MAX_LENGTH} characters is dropped.
 */
public final class JavaSignatureTool {

    public static final int DESCRIPTION_MAX_LENGTH = 255;
    public static final String EMPTY = "EMPTY: Java stack trace not in expected format";

    private static final Pattern LINE_NUMBER = Pattern.compile("\\.java:\\d+\\)$");
    private static final Pattern HEX_ADDRESS = Pattern.compile("@[0-9a-f]{8}");

    /** Result: signature and notes (the Java tool writes no debug notes beyond the rule's own). */
    public record JavaSignature(String signature, List<String> notes) {
    }

    public JavaSignature generate(String stackTrace, String delimiter) {
        if (stackTrace == null) {
            return new JavaSignature(EMPTY, List.of("JavaSignatureTool: stack trace not in expected format"));
        }
        List<String> lines = new ArrayList<>();
        for (String line : SignatureText.splitLines(stackTrace)) {
            lines.add(line.strip());
        }
        if (lines.isEmpty()) {
            return new JavaSignature(EMPTY, List.of("JavaSignatureTool: stack trace not in expected format"));
        }
        List<String> notes = new ArrayList<>();

        String exceptionClass;
        String description;
        int colon = lines.get(0).indexOf(':');
        if (colon >= 0) {
            exceptionClass = lines.get(0).substring(0, colon).strip();
            description = HEX_ADDRESS.matcher(lines.get(0).substring(colon + 1)).replaceAll("@<addr>").strip();
        } else {
            exceptionClass = lines.get(0);
            description = "";
            notes.add("JavaSignatureTool: stack trace line 1 is not in the expected format");
        }

        String method;
        if (lines.size() > 1) {
            method = LINE_NUMBER.matcher(lines.get(1)).replaceAll(".java)");
            if (method.isEmpty()) {
                notes.add("JavaSignatureTool: stack trace line 2 is empty");
            }
        } else {
            notes.add("JavaSignatureTool: stack trace line 2 is missing");
            method = "";
        }

        // Socorro keeps a historic quirk (bug 865142): the delimiter separates description and method only
        // when the description ends with an address; otherwise a space does.
        String signature;
        if (description.endsWith("<addr>")) {
            signature = joinNonEmpty(delimiter, exceptionClass, description, method);
        } else {
            signature = joinNonEmpty(delimiter, exceptionClass, joinNonEmpty(" ", description, method));
        }
        if (signature.length() > DESCRIPTION_MAX_LENGTH) {
            signature = exceptionClass + delimiter + method;
            notes.add("JavaSignatureTool: dropped Java exception description due to length");
        }
        return new JavaSignature(signature, notes);
    }

    private static String joinNonEmpty(String delimiter, String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(delimiter);
            }
            out.append(part);
        }
        return out.toString();
    }
}
