package io.breakwater.minidump;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Test-only: an "engine" class that uses CDI, Quarkus and the storage layer, so that {@code LayeringTest}
 * can prove its engine rules catch such dependencies. The real check imports production classes only.
 */
@ApplicationScoped
public class LayeringViolationFixture {

    public Object quarkusStartupEvent() {
        return io.quarkus.runtime.StartupEvent.class;
    }

    public Object applicationClass() {
        return io.breakwater.storage.CrashIds.class;
    }
}
