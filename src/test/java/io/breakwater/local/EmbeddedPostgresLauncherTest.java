package io.breakwater.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedPostgresLauncherTest {

    @Test
    void rootWithoutUserNamespacesIsRefusedWithAWayOut() {
        IOException e = assertThrows(IOException.class,
                () -> EmbeddedPostgresLauncher.requireUnprivilegedRun(true, () -> false));
        assertTrue(e.getMessage().contains("non-root user"), e.getMessage());
        assertTrue(e.getMessage().contains("BREAKWATER_DB_URL"), e.getMessage());
    }

    @Test
    void rootWithUserNamespacesIsFine() {
        assertDoesNotThrow(() -> EmbeddedPostgresLauncher.requireUnprivilegedRun(true, () -> true));
    }

    @Test
    void nonRootDoesNotProbe() throws IOException {
        AtomicInteger probes = new AtomicInteger();
        EmbeddedPostgresLauncher.requireUnprivilegedRun(false, () -> {
            probes.incrementAndGet();
            return false;
        });
        assertEquals(0, probes.get());
    }
}
