package io.breakwater.collector;

/** The throttle rules file is unreadable or wrong; the message says where. */
public class ThrottleRulesException extends RuntimeException {

    public ThrottleRulesException(String message) {
        super(message);
    }

    public ThrottleRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
