package io.breakwater.storage;

/** Object storage could not do what was asked (unreachable, refused, or answered an error). */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
