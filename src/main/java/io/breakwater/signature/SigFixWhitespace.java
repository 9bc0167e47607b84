package io.breakwater.signature;

import java.util.regex.Pattern;

/** Trims the signature, turns every whitespace character into a space and squeezes runs of spaces. */
public final class SigFixWhitespace implements SignatureRule {

    private static final Pattern EDGES = Pattern.compile("^\\s+|\\s+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WHITESPACE = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern RUNS = Pattern.compile(" {2,}");

    @Override
    public void action(CrashData crash, SignatureState state) {
        String original = state.signature();
        String fixed = EDGES.matcher(original).replaceAll("");
        fixed = WHITESPACE.matcher(fixed).replaceAll(" ");
        fixed = RUNS.matcher(fixed).replaceAll(" ");
        if (!fixed.equals(original)) {
            state.setSignature(name(), fixed);
        }
    }
}
