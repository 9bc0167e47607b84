package io.breakwater.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A plain HTTP file server for tests of features that fetch from elsewhere (symbol downloads by URL,
 * upstream symbol servers): serves the files under {@link #ROOT}; {@code /redirect/<path>} answers 302 to
 * {@code http://localhost:<port>/<path>} (a host the tests do not allow).
 */
public class TestFileServer implements QuarkusTestResourceLifecycleManager {

    public static final Path ROOT = Path.of("target", "test-file-server").toAbsolutePath();
    /** JVM-wide, for the test classes (another class loader) to build URLs. */
    public static final String PORT_PROPERTY = "breakwater.test.file-server.port";

    private HttpServer server;

    public static String base() {
        return "http://127.0.0.1:" + System.getProperty(PORT_PROPERTY) + "/";
    }

    /** Puts a file where the server serves it as {@code base() + path}. */
    public static void put(String path, byte[] content) throws IOException {
        Path file = ROOT.resolve(path).normalize();
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(ROOT);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int port = server.getAddress().getPort();
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/redirect/")) {
                ex.getResponseHeaders().add("Location", "http://localhost:" + port + "/" + path.substring("/redirect/".length()));
                ex.sendResponseHeaders(302, -1);
                ex.close();
                return;
            }
            Path file = ROOT.resolve(java.net.URLDecoder.decode(path.substring(1), java.nio.charset.StandardCharsets.UTF_8))
                    .normalize();
            if (!file.startsWith(ROOT) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        return Map.of("breakwater.symbols.upload.download-hosts", "127.0.0.1",
                "breakwater.symbols.upstream.urls", "http://127.0.0.1:" + port + "/upstream/");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
