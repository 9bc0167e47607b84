package io.breakwater.symbolstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.processor.ProcessedCrashStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * After each stored processed crash, remembers which modules had no symbols, so that uploading them later
 * queues exactly those crashes for reprocessing. Never fails processing.
 */
@ApplicationScoped
public class MissingSymbolsRecorder {

    private static final Logger LOG = Logger.getLogger(MissingSymbolsRecorder.class);

    private final MissingSymbols missingSymbols;

    @Inject
    public MissingSymbolsRecorder(MissingSymbols missingSymbols) {
        this.missingSymbols = missingSymbols;
    }

    void onStored(@Observes ProcessedCrashStored event) {
        try {
            List<SymbolKey> missing = missingModules(event.processedCrash());
            if (missing.isEmpty() && !event.replacesEarlier()) {
                // Nothing to record and no earlier rows to clear: spares a statement per crash.
                return;
            }
            missingSymbols.record(event.crashId(), missing);
        } catch (RuntimeException e) {
            LOG.warnf("crash %s: modules without symbols not recorded: %s", event.crashId(), e.getMessage());
        }
    }

    /** Modules of the stack walk flagged {@code missing_symbols}, as symbol keys. */
    static List<SymbolKey> missingModules(JsonNode processedCrash) {
        List<SymbolKey> keys = new ArrayList<>();
        for (JsonNode module : processedCrash.path("json_dump").path("modules")) {
            if (module.path("missing_symbols").asBoolean(false)) {
                SymbolKey.forModule(module.path("debug_file").asText(""), module.path("debug_id").asText(""))
                        .ifPresent(keys::add);
            }
        }
        return keys;
    }
}
