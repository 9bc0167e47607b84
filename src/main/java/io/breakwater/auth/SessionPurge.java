package io.breakwater.auth;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Deletes sessions that ended by expiry or idleness (Socorro's clearsessions), so the table stays small. */
@ApplicationScoped
public class SessionPurge {

    private static final Logger LOG = Logger.getLogger(SessionPurge.class);

    @Inject
    SessionStore sessions;

    @Inject
    AuthConfig config;

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int n = sessions.purgeExpired(Instant.now(), config.session().idleTimeout());
            if (n > 0) {
                LOG.infof("removed %d ended browser session(s)", n);
            }
        } catch (AuthStorageException e) {
            LOG.warnf("ended sessions not removed: %s", e.getMessage());
        }
    }
}
