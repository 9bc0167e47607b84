package io.breakwater.symbols;

/**
 * Finds the symbols of one module by its debug file name and debug id. Implementations decide where
 * symbols come from (a directory tree, object storage) and cache parsed results.
 */
public interface SymbolSupplier {

    SymbolResult locate(String debugFile, String debugId);

    /** Outcome of one lookup: symbols when {@link Status#LOADED}, otherwise why not. */
    record SymbolResult(Status status, ModuleSymbols symbols, String detail) {
        public static SymbolResult missing() { return new SymbolResult(Status.MISSING, null, null); }
        public static SymbolResult corrupt(String why) { return new SymbolResult(Status.CORRUPT, null, why); }
        public static SymbolResult loaded(ModuleSymbols symbols) { return new SymbolResult(Status.LOADED, symbols, null); }
    }

    enum Status { LOADED, MISSING, CORRUPT }
}
