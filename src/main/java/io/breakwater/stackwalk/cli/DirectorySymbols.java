package io.breakwater.stackwalk.cli;

import io.breakwater.symbols.BreakpadSymbolParser;
import io.breakwater.symbols.SymbolSupplier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Symbol directories in the Breakpad symbol-server layout
 * ({@code <root>/<debug file>/<debug id>/<debug file without .pdb>.sym}, optionally gzipped), searched in
 * order, with every parsed file kept for the life of the process so that many dumps share it.
 */
final class DirectorySymbols implements SymbolSupplier {

    private final List<Path> roots;
    private final Map<String, SymbolResult> cache = new ConcurrentHashMap<>();

    DirectorySymbols(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    @Override
    public SymbolResult locate(String debugFile, String debugId) {
        if (!safe(debugFile) || !safe(debugId)) return SymbolResult.missing();
        return cache.computeIfAbsent(debugFile + "/" + debugId, k -> load(debugFile, debugId));
    }

    private SymbolResult load(String debugFile, String debugId) {
        String stem = debugFile.toLowerCase().endsWith(".pdb") ? debugFile.substring(0, debugFile.length() - 4) : debugFile;
        for (Path root : roots) {
            Path dir = root.resolve(debugFile).resolve(debugId);
            Path plain = dir.resolve(stem + ".sym");
            Path gz = dir.resolve(stem + ".sym.gz");
            try {
                if (Files.isRegularFile(plain)) {
                    try (InputStream in = Files.newInputStream(plain)) {
                        return BreakpadSymbolParser.parse(in).toSymbolResult();
                    }
                }
                if (Files.isRegularFile(gz)) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
                        return BreakpadSymbolParser.parse(in).toSymbolResult();
                    }
                }
            } catch (IOException | RuntimeException e) {
                return SymbolResult.corrupt(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return SymbolResult.missing();
    }

    /** Identifiers come from the dump: keep them from walking out of the symbol directory. */
    private static boolean safe(String s) {
        return s != null && !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0
                && s.indexOf('\\') < 0 && s.indexOf('\0') < 0;
    }
}
