package io.breakwater.processor;

import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureLists;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

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

    /**
     * Breakwater's default signature lists, or Socorro-format lists from {@code breakwater.signature.lists-dir}
     * (environment {@code BREAKWATER_SIGNATURE_LISTS_DIR}).
     */
    @Produces
    @DefaultBean
    @ApplicationScoped
    SignatureGenerator signatureGenerator(
            @ConfigProperty(name = "breakwater.signature.lists-dir") Optional<String> listsDir) {
        SignatureLists lists = listsDir.filter(d -> !d.isBlank())
                .map(d -> SignatureLists.fromDirectory(Path.of(d)))
                .orElseGet(SignatureLists::defaults);
        LOG.infof("Signature lists: %s", lists.source());
        return new SignatureGenerator(lists);
    }

    @Produces
    @ApplicationScoped
    SignatureComputer signatures(SignatureGenerator generator) {
        return new EngineSignatures(generator);
    }
}
