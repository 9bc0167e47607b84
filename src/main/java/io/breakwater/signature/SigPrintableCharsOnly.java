package io.breakwater.signature;

/**
 * Removes characters that are not printable (control, format, private-use, unassigned, lone surrogates);
 * whitespace stays for {@link SigFixWhitespace} to normalize.
 */
public final class SigPrintableCharsOnly implements SignatureRule {

    @Override
    public void action(CrashData crash, SignatureState state) {
        String signature = state.signature();
        StringBuilder out = new StringBuilder(signature.length());
        signature.codePoints().filter(SigPrintableCharsOnly::keep).forEach(out::appendCodePoint);
        if (out.length() != signature.length()) {
            state.setSignature(name(), out.toString());
        }
    }

    static boolean keep(int codePoint) {
        if (Character.isWhitespace(codePoint)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                 Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
