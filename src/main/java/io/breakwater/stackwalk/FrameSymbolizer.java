package io.breakwater.stackwalk;

import io.breakwater.minidump.MinidumpModule;
import io.breakwater.symbols.ModuleSymbols;
import io.breakwater.symbols.SymbolIndex;
import io.breakwater.symbols.SymbolSupplier;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks up each module's symbols once per dump and fills frames with function, source line and inline
 * information. Remembers which modules were asked for and with what outcome.
 */
public final class FrameSymbolizer {

    /** What happened when symbols for a module were looked up. */
    public enum Status { NOT_ATTEMPTED, LOADED, MISSING, CORRUPT }

    private final SymbolSupplier supplier;
    private final ModuleMap modules;
    private final Map<MinidumpModule, SymbolSupplier.SymbolResult> results = new IdentityHashMap<>();
    /** Modules of frames that ended up on a stack without usable symbols, in the order met (Breakpad's list). */
    private final Set<MinidumpModule> withoutSymbols = new LinkedHashSet<>();
    private final Set<MinidumpModule> withCorruptSymbols = new LinkedHashSet<>();

    public FrameSymbolizer(SymbolSupplier supplier, ModuleMap modules) {
        this.supplier = supplier;
        this.modules = modules;
    }

    public ModuleMap modules() { return modules; }

    /** Symbols of a module, loading them on first use; null when there are none. */
    public ModuleSymbols symbols(MinidumpModule module) {
        if (module == null) return null;
        SymbolSupplier.SymbolResult r = results.get(module);
        if (r == null) {
            r = lookup(module);
            results.put(module, r);
        }
        // CORRUPT results may still carry the well-formed records; Breakpad keeps using those.
        return r.status() == SymbolSupplier.Status.MISSING ? null : r.symbols();
    }

    private SymbolSupplier.SymbolResult lookup(MinidumpModule module) {
        if (supplier == null) return SymbolSupplier.SymbolResult.missing();
        String debugFile = basename(module.debugFile());
        String debugId = module.debugId();
        if (debugFile == null || debugFile.isEmpty() || debugId == null || debugId.isEmpty()) {
            return SymbolSupplier.SymbolResult.missing();
        }
        try {
            SymbolSupplier.SymbolResult r = supplier.locate(debugFile, debugId);
            if (r == null) return SymbolSupplier.SymbolResult.missing();
            if (r.status() == null || (r.status() == SymbolSupplier.Status.LOADED && r.symbols() == null)) {
                return SymbolSupplier.SymbolResult.corrupt("supplier returned no symbols");
            }
            return r;
        } catch (RuntimeException e) {
            // A broken symbol file must not stop the walk of the dump.
            return SymbolSupplier.SymbolResult.corrupt(String.valueOf(e.getMessage()));
        }
    }

    public Status status(MinidumpModule module) {
        if (supplier == null) return Status.NOT_ATTEMPTED;
        SymbolSupplier.SymbolResult r = results.get(module);
        if (r == null) return Status.NOT_ATTEMPTED;
        return switch (r.status()) {
            case LOADED -> Status.LOADED;
            case MISSING -> Status.MISSING;
            case CORRUPT -> Status.CORRUPT;
        };
    }

    /** Why symbols are corrupt, when they are. */
    public String corruptDetail(MinidumpModule module) {
        SymbolSupplier.SymbolResult r = results.get(module);
        return r == null ? null : r.detail();
    }

    public Set<MinidumpModule> modulesWithoutSymbols() { return withoutSymbols; }

    public Set<MinidumpModule> modulesWithCorruptSymbols() { return withCorruptSymbols; }

    /**
     * Fills module, function, line and inline frames of a frame placed on a stack, from
     * {@link StackFrame#instruction}.
     */
    public void fill(StackFrame frame) {
        MinidumpModule module = modules.at(frame.instruction);
        frame.module = module;
        if (module == null) return;
        ModuleSymbols symbols = symbols(module);
        if (symbols == null) {
            // Unloadable and absent symbol files both count as "no symbols", as in Breakpad.
            withoutSymbols.add(module);
            return;
        }
        if (status(module) == Status.CORRUPT) withCorruptSymbols.add(module);
        long base = module.baseAddress();
        long offset = frame.instruction - base;
        ModuleSymbols.FunctionHit function = symbols.function(offset);
        if (function != null) {
            frame.functionName = function.name();
            frame.functionBase = base + function.address();
            frame.hasFunctionBase = true;
            ModuleSymbols.LineHit line = symbols.line(offset);
            if (line != null) {
                frame.sourceFile = line.file();
                frame.sourceLine = line.line();
                frame.sourceLineBase = base + line.address();
                frame.hasLine = true;
            }
            List<ModuleSymbols.InlineHit> hits = symbols.inlines(offset);
            if (hits != null && !hits.isEmpty()) expandInlines(frame, base, hits);
        } else {
            ModuleSymbols.PublicHit pub = publicSymbol(symbols, offset);
            if (pub != null) {
                frame.functionName = pub.name();
                frame.functionBase = base + pub.address();
                frame.hasFunctionBase = true;
            }
        }
    }

    /**
     * Inline records come outermost first. The innermost inline frame gets the line at the address;
     * each outer one (and finally the physical frame) gets the call site of the one it contains.
     */
    private static void expandInlines(StackFrame frame, long base, List<ModuleSymbols.InlineHit> outermostFirst) {
        int n = outermostFirst.size();
        List<InlineFrame> innermostFirst = new ArrayList<>(n);
        String file = frame.sourceFile;
        int line = frame.sourceLine;
        for (int k = n - 1; k >= 0; k--) {
            ModuleSymbols.InlineHit hit = outermostFirst.get(k);
            innermostFirst.add(new InlineFrame(hit.name(), base + hit.address(), file, line));
            if (hit.callFile() != null) file = hit.callFile();
            line = hit.callLine();
        }
        frame.inlines = List.copyOf(innermostFirst);
        frame.sourceFile = file;
        frame.sourceLine = line;
        frame.hasLine = frame.hasLine || file != null;
    }

    /**
     * Breakpad's test for a plausible return address while scanning: inside a module, and inside a
     * function or public symbol when that module has symbols.
     */
    public boolean instructionSeemsValid(long address) {
        MinidumpModule module = modules.at(address);
        if (module == null) return false;
        ModuleSymbols symbols = symbols(module);
        if (symbols == null || !namesFunctions(symbols)) return true;
        long offset = address - module.baseAddress();
        if (symbols.function(offset) != null) return true;
        return publicSymbol(symbols, offset) != null;
    }

    /**
     * A symbol file with only STACK records (a CFI extract) cannot tell code from data, so it must not
     * veto scanned return addresses.
     */
    private static boolean namesFunctions(ModuleSymbols symbols) {
        if (symbols instanceof SymbolIndex index) return index.functionCount() > 0 || index.publicCount() > 0;
        return true;
    }

    /**
     * The PUBLIC record naming an address outside every FUNC. Breakpad ignores a public symbol that lies
     * below the start of the nearest FUNC under the address; the index knows that rule.
     */
    private static ModuleSymbols.PublicHit publicSymbol(ModuleSymbols symbols, long offset) {
        if (symbols instanceof SymbolIndex index) return index.publicSymbolFallback(offset);
        return symbols.publicSymbol(offset);
    }

    public ModuleSymbols.CfiRules cfi(StackFrame frame) {
        MinidumpModule module = modules.at(frame.instruction);
        ModuleSymbols symbols = symbols(module);
        return symbols == null ? null : symbols.cfi(frame.instruction - module.baseAddress());
    }

    public ModuleSymbols symbolsAt(long address) {
        return symbols(modules.at(address));
    }

    static String basename(String path) {
        if (path == null) return null;
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return i >= 0 ? path.substring(i + 1) : path;
    }
}
