package io.breakwater.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "breakwater.queue")
public interface QueueConfig {

    /** Claims an item gets before a failure parks it. */
    @WithDefault("5")
    int maxAttempts();
}
