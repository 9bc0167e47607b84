package io.breakwater.signature;

/** Crash data JSON that does not have the expected shape; the message says where and why. */
public class InvalidCrashDataException extends IllegalArgumentException {

    public InvalidCrashDataException(String message) {
        super(message);
    }
}
