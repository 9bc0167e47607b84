package io.breakwater.web;

import io.breakwater.queue.CrashQueue;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.storage.CrashStorage;
import io.restassured.builder.MultiPartSpecBuilder;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;

/**
 * The system loaded with crashes for the page tests: every {@code generated/**}{@code /crash.dmp} of the
 * corpus submitted through {@code /submit} (default builds as version 1.0.3, DWARF 4 builds as 1.0.4), plus
 * one crash carrying hostile annotation values; once per test JVM, then processed and indexed.
 */
final class WebCrashes {

    static final Path GENERATED = Path.of("..", "shared", "corpus", "generated");
    /** A product only these tests submit, so crashes other test classes add in the same run do not count. */
    static final String PRODUCT = "WebTestApp";
    /** Executes if ever rendered as markup: the browser test looks for its effect. */
    static final String SCRIPT = "<script>window.__pwned = true; document.title = 'PWNED';</script>";
    static final String IMG = "<img src=x onerror=\"window.__pwned=true\">";
    static final String CONTROLS = "bell\u0007 nul\u0000 esc\u001b[31m rlo\u202eevil";
    static final String LONG_TAIL = "L".repeat(10_000);
    static final String HOSTILE_NOTES = SCRIPT + IMG + " " + CONTROLS + " " + LONG_TAIL;

    /** Crash ids by corpus directory ({@code segv}, {@code dwarf4/fpe}, …) and {@code hostile}. */
    private static final Map<String, String> IDS = new LinkedHashMap<>();

    private WebCrashes() {
    }

    static synchronized Map<String, String> load(CrashStorage storage, CrashQueue queue, CrashIndexManager indexes) {
        Assumptions.assumeTrue(Files.isDirectory(GENERATED),
                "generated corpus not found at " + GENERATED.toAbsolutePath() + "; page tests need it");
        if (!IDS.isEmpty()) {
            return IDS;
        }
        List<Path> dumps;
        try (Stream<Path> files = Files.walk(GENERATED)) {
            dumps = files.filter(p -> p.getFileName().toString().equals("crash.dmp")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Assumptions.assumeFalse(dumps.isEmpty(), "no crash.dmp under " + GENERATED);
        for (Path dump : dumps) {
            String dir = GENERATED.relativize(dump.getParent()).toString().replace('\\', '/');
            boolean dwarf4 = dir.startsWith("dwarf4/");
            IDS.put(dir, submit(dump, Map.of("ProductName", PRODUCT, "Version", dwarf4 ? "1.0.4" : "1.0.3",
                    "ReleaseChannel", "nightly", "ProcessType", dwarf4 ? "content" : "parent",
                    "InstallID", "install-" + (IDS.size() % 5), "Notes", "corpus crash " + dir)));
        }
        Path segv = GENERATED.resolve("segv").resolve("crash.dmp");
        IDS.put("hostile", submit(segv, Map.of("ProductName", PRODUCT, "Version", "1.0.3",
                "ReleaseChannel", "nightly", "Notes", HOSTILE_NOTES, "URL", "https://private.example/secret",
                "Comments", "protected comment " + SCRIPT)));
        awaitProcessed(storage, queue);
        indexes.refresh();
        return IDS;
    }

    static String submit(Path dump, Map<String, String> annotations) {
        var request = given();
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            request = request.multiPart(new MultiPartSpecBuilder(e.getValue()).controlName(e.getKey())
                    .mimeType("text/plain").charset(StandardCharsets.UTF_8).build());
        }
        String body = request.multiPart("upload_file_minidump", dump.toFile(), "application/octet-stream")
                .post("/submit").then().statusCode(200).extract().asString().strip();
        if (!body.startsWith("CrashID=bp-")) {
            throw new AssertionError("unexpected /submit answer: " + body);
        }
        return body.substring("CrashID=bp-".length());
    }

    private static void awaitProcessed(CrashStorage storage, CrashQueue queue) {
        awaitProcessed(storage, queue, IDS);
    }

    static void awaitProcessed(CrashStorage storage, CrashQueue queue, Map<String, String> ids) {
        // Bounded wait for the asynchronous processor; failing here names the crash that never finished.
        long deadline = System.nanoTime() + 300_000_000_000L;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            // The queue item goes once the crash is stored and indexed.
            while (!storage.processedCrashExists(e.getValue()) || !queue.findByCrashId(e.getValue()).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("crash " + e.getKey() + " (" + e.getValue() + ") was not processed");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }
}
