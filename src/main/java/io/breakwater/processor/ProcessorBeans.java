package io.breakwater.processor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The processor's parts as beans. The {@link SignatureComputer} is produced by io.breakwater.signaturerules,
 * over the signature lists in force.
 */
@ApplicationScoped
public class ProcessorBeans {

    @Produces
    @ApplicationScoped
    CrashProcessor crashProcessor(DumpWalker walker, SignatureComputer signatures) {
        return new CrashProcessor(RuleSets.create(walker, signatures), Clock.systemUTC());
    }
}
