package io.breakwater.stackwalk;

/**
 * Thrown when a walk is cancelled (its thread was interrupted or its time limit passed). Unlike a budget
 * running out this ends the walk without a result: the caller decides what a cancelled dump becomes.
 */
public final class WalkCancelledException extends RuntimeException {

    public WalkCancelledException(String message) {
        super(message);
    }
}
