package io.breakwater.processor;

import io.breakwater.search.ProcessedCrashSource;
import io.breakwater.storage.CrashStorage;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** What the search catch-up re-reads: the processed crash this processor stored, and its raw crash. */
@DefaultBean
@ApplicationScoped
public class StorageCrashSource implements ProcessedCrashSource {

    private final CrashStorage storage;

    @Inject
    public StorageCrashSource(CrashStorage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<byte[]> processedCrash(String crashId) {
        return storage.loadProcessedCrashBytes(crashId);
    }

    @Override
    public Optional<byte[]> rawCrash(String crashId) {
        return storage.loadRawCrashBytes(crashId);
    }
}
