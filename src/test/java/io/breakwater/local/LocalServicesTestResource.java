package io.breakwater.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Real PostgreSQL, s3proxy and Elasticsearch for every {@code @QuarkusTest} (global scope: no test names
 * it) and, through {@link #shared()}, for plain tests. One set per test JVM, with a fresh data directory
 * under {@code target/test-data/}, stopped by a JVM shutdown hook.
 * <p>
 * Quarkus loads test classes again for each test profile, so a static field is not enough to share the
 * services: their connection facts are kept as one system property (a string every class loader can
 * read) under a private key.
 */
@WithTestResource(value = LocalServicesTestResource.class, scope = TestResourceScope.GLOBAL)
public class LocalServicesTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String REGISTRY_KEY = "io.breakwater.local.test-services";

    /** Connection facts of the shared services, under the application's configuration keys. */
    public record Shared(Map<String, String> properties) {
        public String jdbcUrl() {
            return properties.get(LocalServices.DB_URL);
        }

        public String dbUser() {
            return properties.get(LocalServices.DB_USER);
        }

        public String dbPassword() {
            return properties.get(LocalServices.DB_PASSWORD);
        }

        public String s3Endpoint() {
            return properties.get(LocalServices.S3_ENDPOINT);
        }

        public String s3AccessKey() {
            return properties.get(LocalServices.S3_ACCESS_KEY);
        }

        public String s3SecretKey() {
            return properties.get(LocalServices.S3_SECRET_KEY);
        }

        public String esUrl() {
            return properties.get(LocalServices.ES_URL);
        }
    }

    /**
     * The services of this test JVM, started on first use. Services named by BREAKWATER_* environment
     * variables are used instead of local ones (and then absent from the map).
     */
    public static Shared shared() {
        // String literals are interned JVM-wide, so every class loader locks the same object.
        synchronized (REGISTRY_KEY) {
            String existing = System.getProperty(REGISTRY_KEY);
            if (existing != null) {
                return new Shared(decode(existing));
            }
            Path dataDir = freshDataDir();
            // Environment only: test profiles put their overrides in system properties for a while.
            ServiceConfig config = ServiceConfig.from(name ->
                    name.equals(ServiceConfig.DATA_DIR) ? dataDir.toString() : System.getenv(name));
            LocalServices services;
            try {
                services = LocalServices.start(config);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start local services for tests", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                services.close();
                if (!Boolean.getBoolean("breakwater.test.keep-data")) {
                    deleteTree(dataDir);
                }
            }, "test-local-services-stop"));
            Map<String, String> properties = Map.copyOf(services.properties());
            System.setProperty(REGISTRY_KEY, encode(properties));
            return new Shared(properties);
        }
    }

    private static String encode(Map<String, String> map) {
        Properties props = new Properties();
        props.putAll(map);
        StringWriter out = new StringWriter();
        try {
            props.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, String> decode(String text) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return Map.copyOf(map);
    }

    @Override
    public Map<String, String> start() {
        return shared().properties();
    }

    @Override
    public void stop() {
        // Shared by every Quarkus start in the JVM; the shutdown hook stops the services.
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
