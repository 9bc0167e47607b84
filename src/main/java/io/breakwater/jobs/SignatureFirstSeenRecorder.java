package io.breakwater.jobs;

import io.breakwater.processor.ProcessedCrashStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps first-seen dates fresh: every stored processed crash is a sighting of its signature. Never fails
 * processing; what is missed here (database down) the backfill job picks up from search.
 * <p>
 * Rows of {@code signature_first_seen} only ever move earlier, so a sighting no earlier than one this
 * instance already wrote cannot change its row: it is skipped without a database round trip. Most crashes
 * are repeats of known signatures.
 */
@ApplicationScoped
public class SignatureFirstSeenRecorder {

    private static final Logger LOG = Logger.getLogger(SignatureFirstSeenRecorder.class);

    /** Signatures remembered; past this the memory starts again (it only saves writes). */
    static final int REMEMBERED = 20_000;

    private final SignatureFirstSeenStore store;
    private final Map<String, SignatureFirstSeen> written = new ConcurrentHashMap<>();

    @Inject
    public SignatureFirstSeenRecorder(SignatureFirstSeenStore store) {
        this.store = store;
    }

    void onStored(@Observes ProcessedCrashStored event) {
        try {
            SignatureFirstSeen.of(event.processedCrash()).ifPresent(this::record);
        } catch (RuntimeException e) {
            LOG.warnf("crash %s: signature first-seen not recorded (the backfill job will): %s",
                    event.crashId(), e.getMessage());
        }
    }

    private void record(SignatureFirstSeen sighting) {
        SignatureFirstSeen known = written.get(sighting.signature());
        if (known != null && !sighting.movesEarlier(known)) return;
        store.record(List.of(sighting));
        if (written.size() >= REMEMBERED) written.clear();
        written.merge(sighting.signature(), sighting, SignatureFirstSeen::merge);
    }
}
