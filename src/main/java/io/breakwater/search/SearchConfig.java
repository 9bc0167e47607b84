package io.breakwater.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Search fields, the Elasticsearch cool-down and the backlog catch-up ({@code breakwater.search.*}; bulk requests: {@link SearchBulkConfig}). */
@ConfigMapping(prefix = "breakwater.search")
public interface SearchConfig {

    /** An operator file in the built-in registry's format that adds annotation fields or redefines built-in ones. */
    Optional<String> extraFieldsFile();

    /** After an Elasticsearch failure, how long requests skip it and crashes go to the backlog. */
    @WithDefault("10s")
    Duration unavailableCoolDown();

    CatchUp catchUp();

    /** The scheduled catch-up that writes the backlog's crashes from object storage into the index. */
    interface CatchUp {
        /** How often it runs; {@code off} stops it (tests drain explicitly). Read by the scheduler. */
        @WithDefault("30s")
        String interval();

        /** The wait before its first run. Read by the scheduler. */
        @WithDefault("20s")
        String delay();

        /** Crashes per bulk request (1–5000). */
        @WithDefault("200")
        int batchSize();

        /** Bulk requests per run at most. */
        @WithDefault("50")
        int maxBatches();
    }
}
