package io.breakwater.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared crash corpus beside the repository ({@code ../shared/corpus}); tests skip without it. */
public final class Corpus {

    private Corpus() {
    }

    public static Path root() {
        // Tests run from the Maven base directory.
        Path root = Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(root),
                "crash corpus not found at " + root + " (expected ../shared/corpus beside the repository)");
        return root;
    }

    public static Path file(String relative) {
        Path file = root().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "corpus file missing: " + file);
        return file;
    }
}
