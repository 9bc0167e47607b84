package io.breakwater.api;

import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureLists;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The application's signature generator: Breakwater's default lists, or Socorro-format lists from
 * {@code breakwater.signature.lists-dir} (environment {@code BREAKWATER_SIGNATURE_LISTS_DIR}).
 * {@code breakwater.signature.socorro-compatible=true} turns Breakwater's extensions off, so Socorro's
 * own lists give Socorro's signatures. Built at startup: a bad list stops the server with the file and
 * line at fault instead of failing crash after crash. These configured lists are in force until a version
 * is applied from the admin pages; what signs crashes is {@code signaturerules.ActiveSignatureLists}.
 */
@ApplicationScoped
public class SignatureGeneratorProducer {

    private static final Logger LOG = Logger.getLogger(SignatureGeneratorProducer.class);

    @ConfigProperty(name = "breakwater.signature.lists-dir")
    Optional<String> listsDir;

    @ConfigProperty(name = "breakwater.signature.socorro-compatible", defaultValue = "false")
    boolean socorroCompatible;

    @Produces
    @Singleton
    @Startup
    SignatureGenerator signatureGenerator() {
        SignatureGenerator generator = build(listsDir, socorroCompatible);
        LOG.infof("Signature generation: %s%s", generator.listSource(), socorroCompatible ? " (Socorro-compatible mode)" : "");
        return generator;
    }

    static SignatureGenerator build(Optional<String> listsDir, boolean socorroCompatible) {
        SignatureLists lists = listsDir.map(String::strip).filter(dir -> !dir.isEmpty())
                .map(dir -> SignatureLists.fromDirectory(Path.of(dir)))
                .orElseGet(SignatureLists::defaults);
        return new SignatureGenerator(lists,
                socorroCompatible ? SignatureGenerator.Options.SOCORRO : SignatureGenerator.Options.BREAKWATER);
    }
}
