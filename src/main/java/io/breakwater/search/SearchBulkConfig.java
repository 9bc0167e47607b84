package io.breakwater.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How {@link IndexBatcher} groups the processor's crashes into bulk requests. */
@ConfigMapping(prefix = "breakwater.search.bulk")
public interface SearchBulkConfig {

    /** Documents per bulk request at most; 1 writes each crash on its own. */
    @WithDefault("500")
    int maxDocs();

    /**
     * How long the first crash of a batch waits for more. The index refreshes every second anyway, so a
     * fraction of that adds little to the time until a crash is searchable, and saves most of a request's cost.
     */
    @WithDefault("200ms")
    Duration linger();
}
