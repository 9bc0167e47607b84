package io.breakwater.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Bounds of {@link FreshCrashes}, the hand-off of just-stored crashes to this instance's processor. */
@ConfigMapping(prefix = "breakwater.fresh-crashes")
public interface FreshCrashesConfig {

    /** Crashes kept at most; 0 turns the hand-off off (the processor then reads every crash from storage). */
    @WithDefault("10000")
    int maxEntries();

    /** Dump bytes kept on local disk at most. */
    @WithDefault("536870912")
    long maxBytes();

    /** Older entries are dropped: a backlog that large is read from storage anyway. */
    @WithDefault("10m")
    Duration maxAge();

    /** Where kept dumps live; default: the JVM's temporary directory. Best on the collector's temp-dir file system. */
    Optional<Path> dir();
}
