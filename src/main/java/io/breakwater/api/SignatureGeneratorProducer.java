package io.breakwater.api;

import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureLists;
import io.breakwater.signaturerules.SignatureConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

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

    @Inject
    SignatureConfig config;

    @Produces
    @Singleton
    @Startup
    SignatureGenerator signatureGenerator() {
        SignatureGenerator generator = build(config);
        LOG.infof("Signature generation: %s%s", generator.listSource(),
                config.socorroCompatible() ? " (Socorro-compatible mode)" : "");
        return generator;
    }

    static SignatureGenerator build(SignatureConfig config) {
        SignatureLists lists = config.listsDirectory().map(SignatureLists::fromDirectory).orElseGet(SignatureLists::defaults);
        return new SignatureGenerator(lists, config.options());
    }
}
