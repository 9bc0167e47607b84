package io.breakwater.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swagger UI in headless Chromium under the site's Content-Security-Policy: it renders the operations, and the
 * browser reports no refused script or style. Skipped where Chromium is not installed.
 */
@QuarkusTest
class SwaggerUiBrowserTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TestHTTPResource("/q/swagger-ui/")
    URL swaggerUi;

    @Test
    void swaggerUiRendersTheOperationsWithoutCspViolations() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Swagger UI browser check skipped: no " + CHROMIUM);
        Path dir = Files.createDirectories(Path.of("target", "swagger-ui-browser"));
        Path dom = dir.resolve("dom.html");
        Path console = dir.resolve("console.txt");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=20000", "--dump-dom", swaggerUi.toString()))
                .redirectOutput(dom.toFile()).redirectError(console.toFile()).start();
        boolean finished = chromium.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            chromium.destroyForcibly();
        }
        assertTrue(finished, "chromium did not finish");
        String html = Files.readString(dom, StandardCharsets.UTF_8);
        String log = Files.readString(console, StandardCharsets.UTF_8);
        assertTrue(html.contains("data-path=\"/api/SuperSearch\"") && html.contains("data-path=\"/submit\""),
                "Swagger UI rendered the operations (see " + dom + ")");
        assertFalse(log.contains("Content Security Policy"), "the CSP refused something:\n" + log);
    }
}
