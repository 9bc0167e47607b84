package io.breakwater.symbols;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/** Locates the shared conformance corpus and its symbol files; tests skip when it is absent. */
public final class CorpusFiles {

    private CorpusFiles() {}

    public static Path root() {
        return Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
    }

    public static Path requireRoot() {
        Path root = root();
        assumeTrue(Files.isDirectory(root), "corpus not found at " + root + "; skipping corpus tests");
        return root;
    }

    public static Path require(String relative) {
        Path p = requireRoot().resolve(relative);
        assumeTrue(Files.isRegularFile(p), "corpus file missing: " + p);
        return p;
    }

    /**
     * Every Breakpad text symbol file: *.sym, *.sym.xz, and the resolver test inputs module*.out (the
     * other *.out files are expected stack walker outputs, not symbol files).
     */
    public static List<Path> symbolFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".sym") || n.endsWith(".sym.xz") || n.matches("module\\d(_bad)?\\.out");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The symbol text of a corpus file, decompressing .xz in memory. */
    public static byte[] read(Path p) throws IOException {
        if (!p.getFileName().toString().endsWith(".xz")) {
            return Files.readAllBytes(p);
        }
        try (InputStream in = new XZInputStream(Files.newInputStream(p))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
