package io.breakwater.jobs;

import io.breakwater.processor.ProcessedCrashStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Keeps first-seen dates fresh: every stored processed crash is a sighting of its signature. Never fails
 * processing; what is missed here (database down) the backfill job picks up from search.
 */
@ApplicationScoped
public class SignatureFirstSeenRecorder {

    private static final Logger LOG = Logger.getLogger(SignatureFirstSeenRecorder.class);

    private final SignatureFirstSeenStore store;

    @Inject
    public SignatureFirstSeenRecorder(SignatureFirstSeenStore store) {
        this.store = store;
    }

    void onStored(@Observes ProcessedCrashStored event) {
        try {
            SignatureFirstSeen.of(event.processedCrash()).ifPresent(s -> store.record(List.of(s)));
        } catch (RuntimeException e) {
            LOG.warnf("crash %s: signature first-seen not recorded (the backfill job will): %s",
                    event.crashId(), e.getMessage());
        }
    }
}
