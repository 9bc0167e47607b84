package io.breakwater.web;

import io.breakwater.access.Permission;
import io.breakwater.queue.CrashQueue;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.storage.CrashIds;
import io.breakwater.storage.CrashStorage;
import io.breakwater.testsupport.TestAccounts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.breakwater.processor.ProcessorRunningProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code src/test/browser/crash-stats.test.mjs} (headless Chromium through playwright-core) against
 * this test server once it holds the corpus crashes. Screenshots land in {@code target/screenshots/}.
 * Without node, Chromium or the npm packages the test is skipped, unless {@code CI} is set: CI installs them
 * ({@code apt-get install -y chromium nodejs npm}, {@code npm install} in {@code src/test/browser}).
 */
@QuarkusTest
@TestProfile(ProcessorRunningProfile.class)
class BrowserPagesTest {

    static final Path SCRIPT_DIR = Path.of("src", "test", "browser");
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    @Inject
    CrashIndexManager indexes;

    @TestHTTPResource("/")
    URL base;

    @Test
    void pagesWorkInHeadlessChromium() throws Exception {
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
        String node = findOnPath("node");
        boolean modules = Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("playwright-core"));
        String missing = node == null ? "node is not installed"
                : !Files.isExecutable(CHROMIUM) ? "Chromium is not installed at " + CHROMIUM + " (apt-get install -y chromium)"
                : !modules ? "playwright-core is not installed (npm install in " + SCRIPT_DIR + ")" : null;
        if (missing != null) {
            Assumptions.assumeTrue(ci, "browser test skipped: " + missing);
            throw new AssertionError("CI is set but " + missing);
        }
        Map<String, String> ids = WebCrashes.load(storage, queue, indexes);

        Path log = Path.of("target", "browser-test.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(node, "crash-stats.test.mjs")
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("BASE_URL", base.toString());
        env.put("PRODUCT", WebCrashes.PRODUCT);
        env.put("SEGV_ID", ids.get("segv"));
        env.put("HOSTILE_ID", ids.get("hostile"));
        env.put("MISSING_ID", CrashIds.create(LocalDate.now(ZoneOffset.UTC), 0));
        env.put("LOGIN_EMAIL", TestAccounts.user(Permission.VIEW_PII).email());
        env.put("LOGIN_PASSWORD", TestAccounts.PASSWORD);
        env.put("ADMIN_EMAIL", TestAccounts.user(Permission.values()).email());
        env.put("SCREENSHOT_DIR", Path.of("target", "screenshots").toAbsolutePath().toString());
        env.put("CHROMIUM", CHROMIUM.toString());
        Process process = pb.start();
        // A hung browser must not hang the build.
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("browser test output:\n" + output.replaceAll("(?m)^(\\d+ passed, \\d+ failed)$", "browser checks: $1"));
        assertTrue(finished, "browser test did not finish:\n" + output);
        assertEquals(0, process.exitValue(), "browser test failed:\n" + output);
        for (String shot : List.of("home", "product", "topcrashers", "signature", "report", "search", "report-hostile",
                "report-signed-in", "tokens", "layout-report-1280", "layout-signature-1920", "layout-admin-1920")) {
            assertTrue(Files.size(Path.of("target", "screenshots", shot + ".png")) > 1000, shot + " screenshot");
        }
    }

    private static String findOnPath(String name) throws IOException {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
