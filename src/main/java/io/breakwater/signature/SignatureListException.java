package io.breakwater.signature;

/** A signature list file is missing, unreadable, or holds a line that is not a valid regular expression. */
public class SignatureListException extends RuntimeException {

    public SignatureListException(String message) {
        super(message);
    }

    public SignatureListException(String message, Throwable cause) {
        super(message, cause);
    }
}
