package io.breakwater.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "breakwater.metrics")
public interface MetricsConfig {

    /**
     * How long a database-backed gauge (queue depth, index backlog, job state) reuses its last reading: a
     * scrape, or several Prometheus servers scraping at once, then costs at most one query per table.
     */
    @WithDefault("5s")
    Duration cacheTtl();
}
