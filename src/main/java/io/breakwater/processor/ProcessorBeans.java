package io.breakwater.processor;

import io.breakwater.signature.SignatureGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** The processor's parts as beans; the signature generator comes from the signature API's producer. */
@ApplicationScoped
public class ProcessorBeans {

    @Produces
    @ApplicationScoped
    CrashProcessor crashProcessor(DumpWalker walker, SignatureComputer signatures) {
        return new CrashProcessor(RuleSets.create(walker, signatures), Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    SignatureComputer signatures(SignatureGenerator generator) {
        return new EngineSignatures(generator);
    }
}
