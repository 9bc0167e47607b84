package io.breakwater.triage;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.processor.ProcessedCrashStored;
import io.breakwater.signature.VersionOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Flags regressions as crashes arrive: a stored crash whose signature is marked fixed in version X and
 * whose version is X or later marks the signature regressed, once, with that crash. Done here rather than
 * when pages are read because it sees every crash (not only a page's window and its top facets) and keeps
 * the crash that proved it; the cost is one primary-key lookup per crash. Never fails processing.
 */
@ApplicationScoped
public class SignatureRegressionRecorder {

    private static final Logger LOG = Logger.getLogger(SignatureRegressionRecorder.class);

    @Inject
    SignatureStatusStore store;

    void onStored(@Observes ProcessedCrashStored event) {
        JsonNode crash = event.processedCrash();
        if (crash == null || !crash.isObject()) return;
        String signature = text(crash, "signature");
        String version = text(crash, "version");
        if (signature == null || !VersionOrder.isNumbered(version)) return;
        try {
            if (store.flagRegression(signature, version, event.crashId())) {
                LOG.infof("signature regressed in %s (crash %s): %s", version, event.crashId(), signature);
            }
        } catch (RuntimeException e) {
            LOG.warnf("crash %s: regression check skipped: %s", event.crashId(), e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
