package io.breakwater.processor;

/**
 * One small step of turning a raw crash into a processed crash. A rule reads and writes the
 * {@link ProcessingContext}; when {@link #predicate} is false its action is skipped. An exception thrown by
 * an action is caught by the pipeline and recorded as a processor note: one broken rule never loses a crash.
 */
public interface Rule {

    /** Name used in notes and logs. */
    default String name() {
        return getClass().getSimpleName();
    }

    default boolean predicate(ProcessingContext ctx) {
        return true;
    }

    void action(ProcessingContext ctx) throws Exception;
}
