package io.breakwater.symbols;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Symbols from directory trees in the symbol-server layout {@code <debug_file>/<debug_id>/<name>.sym}
 * (or {@code .sym.gz}), where {@code <name>} is the debug file's base name without a trailing
 * {@code .pdb}: {@code test_app.pdb/<id>/test_app.sym}, {@code libc.so.6/<id>/libc.so.6.sym}. Roots are
 * searched in order; the first that has the file wins. Parses on every call; wrap in a
 * {@link CachingSymbolSupplier} to keep the results.
 */
public final class DirectorySymbolSupplier implements SymbolSupplier {

    private static final Pattern DEBUG_ID = Pattern.compile("[0-9A-Za-z]{1,80}");

    private final List<Path> roots;

    public DirectorySymbolSupplier(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("at least one symbol root is needed");
        }
        this.roots = List.copyOf(roots);
    }

    public DirectorySymbolSupplier(Path... roots) {
        this(List.of(roots));
    }

    public List<Path> roots() {
        return roots;
    }

    @Override
    public SymbolResult locate(String debugFile, String debugId) {
        Optional<Path> file = find(debugFile, debugId);
        if (file.isEmpty()) {
            return new SymbolResult(Status.MISSING, null, "no symbol file for " + debugFile + " " + debugId);
        }
        return SymbolFiles.load(file.get());
    }

    /** The symbol file for the module, if one of the roots has it. */
    public Optional<Path> find(String debugFile, String debugId) {
        String file = baseName(debugFile);
        if (file == null || debugId == null || !DEBUG_ID.matcher(debugId).matches()) {
            return Optional.empty();
        }
        String name = symbolName(file);
        List<String> ids = new ArrayList<>(2);
        ids.add(debugId);
        String upper = debugId.toUpperCase(Locale.ROOT);
        if (!upper.equals(debugId)) {
            ids.add(upper);
        }
        for (Path root : roots) {
            for (String id : ids) {
                for (String suffix : new String[] {".sym", ".sym.gz"}) {
                    Path candidate;
                    try {
                        candidate = root.resolve(file).resolve(id).resolve(name + suffix);
                    } catch (InvalidPathException notAPath) {
                        return Optional.empty();
                    }
                    if (Files.isRegularFile(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The last path component of a debug file as Windows or Unix wrote it; null when unusable. */
    static String baseName(String debugFile) {
        if (debugFile == null) {
            return null;
        }
        int cut = Math.max(debugFile.lastIndexOf('/'), debugFile.lastIndexOf('\\'));
        String base = debugFile.substring(cut + 1);
        if (base.isEmpty() || base.equals(".") || base.equals("..") || base.indexOf('\0') >= 0 || base.length() > 255) {
            return null;
        }
        return base;
    }

    /** {@code foo.pdb -> foo}, anything else unchanged. */
    static String symbolName(String debugFileBase) {
        if (debugFileBase.length() > 4 && debugFileBase.regionMatches(true, debugFileBase.length() - 4, ".pdb", 0, 4)) {
            return debugFileBase.substring(0, debugFileBase.length() - 4);
        }
        return debugFileBase;
    }
}
