package io.breakwater.auth;

/** A session-authenticated change without the session's anti-forgery token: answered 403. */
public class CsrfRejectedException extends RuntimeException {

    public CsrfRejectedException(String message) {
        super(message);
    }
}
