package io.breakwater.stackwalk;

/**
 * What one dump's walk has spent of its {@link Stackwalker.Budgets}. Not thread-safe: one walk, one thread.
 * Each {@code take*} answers whether the work may go ahead; a refusal is remembered for the notes.
 */
final class WalkBudget {

    private final Stackwalker.Budgets limits;
    private final long deadlineNanos;
    private final boolean hasDeadline;

    int frames;
    long scanWords;
    long cfiEvaluations;
    boolean framesExhausted;
    boolean scanExhausted;
    boolean cfiExhausted;

    WalkBudget(Stackwalker.Budgets limits) {
        this.limits = limits;
        this.hasDeadline = limits.timeLimit() != null;
        this.deadlineNanos = hasDeadline ? System.nanoTime() + limits.timeLimit().toNanos() : 0;
    }

    /** A budget nothing can exhaust, for unwinders used on their own (tests, tools). */
    static WalkBudget unlimited() {
        return new WalkBudget(Stackwalker.Budgets.UNLIMITED);
    }

    Stackwalker.Budgets limits() { return limits; }

    int framesLeft() { return Math.max(0, limits.maxFrames() - frames); }

    boolean takeFrame() {
        if (frames >= limits.maxFrames()) {
            framesExhausted = true;
            return false;
        }
        frames++;
        return true;
    }

    /** One stack word read while scanning for a return address. */
    boolean takeScanWord() {
        if (scanWords >= limits.maxScanWords()) {
            scanExhausted = true;
            return false;
        }
        scanWords++;
        return true;
    }

    boolean takeCfiEvaluation() {
        if (cfiEvaluations >= limits.maxCfiEvaluations()) {
            cfiExhausted = true;
            return false;
        }
        cfiEvaluations++;
        return true;
    }

    /** The cooperative cancellation point of the unwinder loops. */
    void checkCancelled() {
        if (limits.cancelled().getAsBoolean()) throw new WalkCancelledException("stack walk cancelled");
        if (hasDeadline && System.nanoTime() - deadlineNanos >= 0) {
            throw new WalkCancelledException("stack walk exceeded its time limit of " + limits.timeLimit());
        }
    }
}
