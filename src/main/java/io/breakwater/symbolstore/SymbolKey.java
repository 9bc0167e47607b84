package io.breakwater.symbolstore;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where one module's symbols live, in the Breakpad symbol-server (and Tecken) layout
 * {@code <debug_file>/<DEBUG_ID>/<name>.sym}: {@code <name>} is the debug file without a trailing
 * {@code .pdb} ({@code xul.pdb -> xul.sym}, {@code libc.so.6 -> libc.so.6.sym}). Debug ids are kept
 * upper-case, as Breakpad writes them, so lookups do not depend on how a client spelled one.
 */
public record SymbolKey(String debugFile, String debugId) {

    private static final Pattern DEBUG_ID = Pattern.compile("[0-9A-Za-z]{1,80}");
    static final int MAX_DEBUG_FILE_LENGTH = 255;

    public SymbolKey {
        String fileProblem = debugFileProblem(debugFile);
        if (fileProblem != null) {
            throw new IllegalArgumentException(fileProblem);
        }
        if (debugId == null || !DEBUG_ID.matcher(debugId).matches()) {
            throw new IllegalArgumentException("debug id must be 1-80 letters or digits");
        }
        debugId = debugId.toUpperCase(Locale.ROOT);
    }

    /**
     * The key of a module as a minidump names it: the debug file may be a full Windows or Unix path, of
     * which only the last component counts. Empty when the names cannot form a key.
     */
    public static Optional<SymbolKey> forModule(String debugFile, String debugId) {
        if (debugFile == null || debugId == null) {
            return Optional.empty();
        }
        int cut = Math.max(debugFile.lastIndexOf('/'), debugFile.lastIndexOf('\\'));
        String base = debugFile.substring(cut + 1);
        if (debugFileProblem(base) != null || !DEBUG_ID.matcher(debugId).matches()) {
            return Optional.empty();
        }
        return Optional.of(new SymbolKey(base, debugId));
    }

    /** Why {@code name} cannot be a debug file path component, or null when it can. */
    static String debugFileProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "debug file name is empty";
        }
        if (name.length() > MAX_DEBUG_FILE_LENGTH) {
            return "debug file name is longer than " + MAX_DEBUG_FILE_LENGTH + " characters";
        }
        if (name.equals(".") || name.equals("..")) {
            return "debug file name may not be . or ..";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return "debug file name may not contain / or \\";
            }
            if (c < 0x20 || c == 0x7f) {
                return "debug file name may not contain control characters";
            }
        }
        return null;
    }

    /** The symbol file's name: the debug file with {@code .pdb} replaced by {@code .sym}. */
    public String symbolFileName() {
        String base = debugFile;
        if (base.length() > 4 && base.regionMatches(true, base.length() - 4, ".pdb", 0, 4)) {
            base = base.substring(0, base.length() - 4);
        }
        return base + ".sym";
    }

    /** The object key (and relative path) {@code <debug_file>/<DEBUG_ID>/<name>.sym}. */
    public String objectKey() {
        return debugFile + "/" + debugId + "/" + symbolFileName();
    }

    @Override
    public String toString() {
        return objectKey();
    }
}
