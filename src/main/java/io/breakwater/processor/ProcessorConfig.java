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
}
