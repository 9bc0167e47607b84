package io.breakwater.minidump;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the shared conformance corpus (never copied into the repository). */
public final class Corpus {

    private Corpus() {}

    /** {@code ../shared/corpus} from the Maven base directory; skips the calling test when absent. */
    public static Path root() {
        Path root = Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root), "conformance corpus not found at " + root + "; skipping");
        return root;
    }

    /** Root or null, for non-test callers (the fuzz harness). */
    public static Path rootOrNull() {
        Path root = Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
        return Files.isDirectory(root) ? root : null;
    }

    /** Every {@code .dmp} under the corpus, sorted. */
    public static List<Path> dumps(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dmp")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Breakpad microdumps are logcat text with this marker. */
    public static boolean isMicrodump(Path file) {
        try {
            byte[] head = Files.readAllBytes(file);
            String text = new String(head, 0, Math.min(head.length, 65536), java.nio.charset.StandardCharsets.ISO_8859_1);
            return text.contains("BEGIN BREAKPAD MICRODUMP");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
