package io.breakwater.processor;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.time.Clock;

/** The processor's parts as beans. Default beans give way to real engines/indexers where those exist. */
@ApplicationScoped
public class ProcessorBeans {

    private static final Logger LOG = Logger.getLogger(ProcessorBeans.class);

    @Produces
    @ApplicationScoped
    CrashProcessor crashProcessor(DumpWalker walker, SignatureComputer signatures) {
        return new CrashProcessor(RuleSets.create(walker, signatures), Clock.systemUTC());
    }

    // Placeholders until the engine branches are wired in; they make the gap visible in every crash.
    @Produces
    @DefaultBean
    @ApplicationScoped
    DumpWalker unavailableWalker() {
        return dump -> {
            throw new UnsupportedOperationException("no stack walking engine installed");
        };
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    SignatureComputer unavailableSignatures() {
        return (raw, processed) -> new SignatureComputer.Result(CrashProcessor.EMPTY_SIGNATURE, "",
                java.util.List.of("no signature generator installed"), java.util.List.of());
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    ProcessedCrashIndexer noIndexer() {
        LOG.info("No search indexer installed: processed crashes are stored but not indexed");
        return (crashId, processed, raw) -> { };
    }
}
