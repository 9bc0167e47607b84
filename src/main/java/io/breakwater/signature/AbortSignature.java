package io.breakwater.signature;

import java.util.regex.Pattern;

/**
 * Prefixes {@code Abort | <message>} from the abort-message annotation. Mozilla's
 * {@code [pid] ###!!! ABORT:} lead-in and a trailing {@code : file …, line …} are cut, the parenthesized
 * localized font name of "unable to find a usable font" dropped, non-printable / non-ASCII characters
 * removed and the message capped at 80 characters. With Breakwater's extensions, hexadecimal addresses are
 * collapsed to {@code 0x<addr>} first so one bug does not scatter over many signatures.
 */
public final class AbortSignature implements SignatureRule {

    static final int MAX_MESSAGE_LENGTH = 80;
    private static final Pattern HEX_ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{5,}");

    private final boolean collapseAddresses;

    public AbortSignature(boolean collapseAddresses) {
        this.collapseAddresses = collapseAddresses;
    }

    @Override
    public boolean predicate(CrashData crash, SignatureState state) {
        return crash.abortMessage() != null;
    }

    @Override
    public void action(CrashData crash, SignatureState state) {
        String message = crash.abortMessage();
        if (message.contains("###!!! ABORT: file ")) {
            // Only a file and line: nothing worth a separate signature.
            state.setSignature(name(), "Abort | " + state.signature());
            return;
        }
        int marker = message.indexOf("###!!! ABORT:");
        if (marker >= 0) {
            message = message.substring(marker + "###!!! ABORT:".length());
        }
        int file = message.indexOf(": file ");
        if (file >= 0) {
            message = message.substring(0, file);
        }
        if (message.contains("unable to find a usable font")) {
            int open = message.indexOf('(');
            int close = message.lastIndexOf(')');
            if (open >= 0 && close >= 0) {
                message = message.substring(0, open) + (close + 1 <= message.length() ? message.substring(close + 1) : "");
            }
        }
        if (collapseAddresses) {
            message = HEX_ADDRESS.matcher(message).replaceAll("0x<addr>");
        }
        message = SignatureText.dropBadCharacters(message).strip();
        if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
        }
        state.setSignature(name(), "Abort | " + message + " | " + state.signature());
    }
}
