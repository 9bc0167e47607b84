package io.breakwater.processor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "breakwater.processor")
public interface ProcessorConfig {

    /** Off: no worker starts (crashes stay queued), e.g. for a collector-only node. */
    @WithDefault("true")
    boolean enabled();

    /** Crashes processed at the same time. */
    @WithDefault("2")
    int workers();

    /**
     * Submissions in progress on this instance from which on all workers but the first pause before their
     * next crash, so that a burst of crashes is accepted first and processed right after; 0: never pause.
     */
    @WithDefault("4")
    int yieldToIntakeAt();

    /** How often idle workers look at the queue when no wake-up arrives. */
    @WithDefault("5s")
    Duration pollInterval();

    /** Longest time one crash may take; then the attempt fails and is retried later. */
    @WithDefault("120s")
    Duration timeout();

    /** Delay before the first retry; doubled on every further attempt up to {@link #maxRetryDelay()}. */
    @WithDefault("10s")
    Duration retryDelay();

    @WithDefault("10m")
    Duration maxRetryDelay();

    /** On shutdown, how long in-flight crashes may run before they are released back to the queue. */
    @WithDefault("20s")
    Duration shutdownGrace();

    /**
     * How often crashes the queue parked on its own (worker died on the last attempt) get a failure record;
     * a duration or {@code off}.
     */
    @WithDefault("60s")
    String parkedSweep();

    /** Where dumps are copied while a crash is processed; default: the JVM's temporary directory. */
    Optional<Path> tmpDir();

    /**
     * Total size of the dumps being walked at the same time; a crash whose dumps do not fit waits for others
     * to finish (a dump larger than the limit runs alone). Default: a quarter of the maximum heap.
     */
    Optional<Long> maxInFlightDumpBytes();

    /** Per-dump budgets of the stack walk; one that runs out gives a partial result with a note. */
    Walk walk();

    interface Walk {
        /** Frames kept across all threads of a dump (each thread is also capped at 65,536). */
        @WithDefault("100000")
        int maxFrames();

        /** Threads walked besides the crashing one; later ones are listed without frames. */
        @WithDefault("1000")
        int maxOtherThreads();

        /** Stack words read while scanning for return addresses; then scanning stops. */
        @WithDefault("4000000")
        long maxScanWords();

        /** CFI and STACK WIN programs evaluated; then frames are unwound without them. */
        @WithDefault("1000000")
        long maxCfiEvaluations();

        /** Size cap of a dump's {@code json_dump}; threads beyond it are listed without frames. */
        @WithDefault("67108864")
        long maxJsonBytes();
    }
}
