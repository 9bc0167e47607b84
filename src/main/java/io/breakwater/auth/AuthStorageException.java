package io.breakwater.auth;

/** The account database failed (or refused a write); nothing was changed. */
public class AuthStorageException extends RuntimeException {

    public AuthStorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A unique name (an e-mail address, a group name) is already taken. */
    public static class Duplicate extends AuthStorageException {
        public Duplicate(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
