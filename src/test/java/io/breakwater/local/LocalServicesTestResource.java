package io.breakwater.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real PostgreSQL, s3proxy and Elasticsearch for every {@code @QuarkusTest} (global scope: no test names
 * it) and, through {@link #shared()}, for plain tests. One set per test JVM, with a fresh data directory
 * under {@code target/test-data/}, stopped when the JVM exits.
 */
@WithTestResource(value = LocalServicesTestResource.class, scope = TestResourceScope.GLOBAL)
public class LocalServicesTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalServices shared;

    /** The services of this test JVM, started on first use. */
    public static synchronized LocalServices shared() {
        if (shared == null) {
            Path dataDir = freshDataDir();
            // External services named in the environment still win, as in production.
            ServiceConfig config = ServiceConfig.from(name -> {
                if (name.equals(ServiceConfig.DATA_DIR)) {
                    return dataDir.toString();
                }
                String value = System.getProperty(name);
                return value != null ? value : System.getenv(name);
            });
            try {
                shared = LocalServices.start(config);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start local services for tests", e);
            }
            LocalServices started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                if (!Boolean.getBoolean("breakwater.test.keep-data")) {
                    deleteTree(dataDir);
                }
            }, "test-local-services-stop"));
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        return shared().properties();
    }

    @Override
    public void stop() {
        // Shared across Quarkus restarts within the JVM; the shutdown hook stops the services.
    }

    private static Path freshDataDir() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path dir = Path.of("target", "test-data", stamp + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create test data directory " + dir, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftovers under target/ are harmless; mvn clean removes them.
        }
    }
}
