package io.breakwater.stackwalk.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.breakwater.minidump.Minidump;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;
import io.breakwater.symbols.SymbolSupplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The shared conformance corpus ({@code ../shared/corpus}); tests skip when it is absent. */
public final class Corpus {

    private static final Map<Path, SymbolSupplier> SUPPLIERS = new ConcurrentHashMap<>();

    private Corpus() {}

    public static Path root() {
        return Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
    }

    public static Path requireRoot() {
        Path root = root();
        assumeTrue(Files.isDirectory(root), "corpus not found at " + root + "; skipping conformance tests");
        return root;
    }

    /** One cached supplier per symbol directory, shared by all tests of the run. */
    public static SymbolSupplier symbols(Path dir) {
        return SUPPLIERS.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> new CachingSymbolSupplier(new DirectorySymbolSupplier(d), 1L << 30, Duration.ofHours(1)));
    }

    public static ProcessState process(Path dump, Path symbolDir) {
        try (Minidump m = Minidump.open(dump)) {
            return new Stackwalker(symbolDir == null ? null : symbols(symbolDir)).process(m);
        } catch (Exception e) {
            throw new AssertionError("cannot process " + dump + ": " + e, e);
        }
    }

    /** Directories of the generated corpus holding a crash.dmp, relative to {@code generated/}. */
    public static List<String> generatedCases(Path root) {
        Path gen = root.resolve("generated");
        try (Stream<Path> s = Files.walk(gen, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("crash.dmp"))
                    .map(p -> gen.relativize(p.getParent()).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every minidump file of the corpus (microdumps are text and out of scope). */
    public static List<Path> allDumps(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".dmp"))
                    .filter(p -> !p.getFileName().toString().startsWith("microdump"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
