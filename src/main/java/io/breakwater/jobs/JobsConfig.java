package io.breakwater.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** {@code breakwater.jobs.*}: the job runner and each maintenance job. */
@ConfigMapping(prefix = "breakwater.jobs")
public interface JobsConfig {

    /** How often each instance with the jobs role looks for due jobs ({@code off} in tests, which run jobs themselves). */
    @WithDefault("30s")
    String tick();

    /** A running job's lock lasts this long and is renewed while it runs; an instance that dies loses it after. */
    @WithDefault("10m")
    Duration lease();

    /** After a failure the job is retried after this, doubling with each further failure (up to its interval). */
    @WithDefault("60s")
    Duration retryDelay();

    /** At most this many missed slots are caught up after downtime. */
    @WithDefault("14")
    int maxBackfill();

    /** Runs kept per job in the history. */
    @WithDefault("200")
    int historyPerJob();

    Retention retention();

    VerifyProcessed verifyProcessed();

    SignatureFirstSeen signatureFirstSeen();

    SymbolCache symbolCache();

    interface Retention {
        /** Crashes (raw, dumps, processed, search) are deleted after this many days... */
        @WithDefault("180")
        int days();

        /** ...or after the days given here for a product ({@code breakwater.jobs.retention.product-days.MyApp=30}). */
        Map<String, Integer> productDays();

        /** The first crashes of each signature are kept past retention, so rare crashes keep their evidence. */
        @WithDefault("3")
        int keepPerSignature();

        /** Crashes deleted per batch, and in one run at most. */
        @WithDefault("200")
        int batchSize();

        @WithDefault("50000")
        int maxPerRun();
    }

    interface VerifyProcessed {
        /** Days of raw crashes checked each run (yesterday and the days before it). */
        @WithDefault("2")
        int days();
    }

    interface SignatureFirstSeen {
        @WithDefault("1h")
        Duration interval();

        @WithDefault("1h")
        Duration overlap();
    }

    interface SymbolCache {
        /** Cached symbol files unread for this long are removed from the disk cache. */
        @WithDefault("30d")
        Duration maxIdle();

        /** Records of modules missing symbols are forgotten after this long. */
        @WithDefault("90d")
        Duration missingTtl();
    }
}
