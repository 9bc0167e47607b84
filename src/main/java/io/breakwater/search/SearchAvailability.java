package io.breakwater.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A small circuit breaker: after Elasticsearch fails, indexing goes straight to the backlog for a cool-down
 * instead of making every crash wait for a timeout; the next attempt after it (or a successful catch-up)
 * closes it again.
 */
@ApplicationScoped
public class SearchAvailability {

    private static final Logger LOG = Logger.getLogger(SearchAvailability.class);

    private final Duration coolDown;
    private final Clock clock;
    private volatile Instant downUntil = Instant.MIN;
    private volatile boolean down;

    @Inject
    public SearchAvailability(SearchConfig config) {
        this(config.unavailableCoolDown(), Clock.systemUTC());
    }

    public SearchAvailability(Duration coolDown, Clock clock) {
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** True while the cool-down after a failure runs: skip Elasticsearch. */
    public boolean presumedDown() {
        return down && clock.instant().isBefore(downUntil);
    }

    public boolean isDown() {
        return down;
    }

    public void markDown(String why) {
        if (!down) {
            LOG.warnf("search index unavailable, crashes go to the backlog: %s", why);
        }
        down = true;
        downUntil = clock.instant().plus(coolDown);
    }

    public void markUp() {
        if (down) {
            LOG.info("search index available again");
        }
        down = false;
    }
}
