package io.breakwater.queue;

/** The queue's database could not be used. */
public class QueueException extends RuntimeException {

    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
