package io.breakwater.symbols;

import java.util.List;

/**
 * Outcome of parsing one symbol file.
 *
 * @param index        the index built from every well-formed record; null only when no index could be
 *                     built at all (see {@code fatal})
 * @param malformed    number of malformed lines; any makes the file CORRUPT, as in Breakpad
 * @param errorSamples the first few problems, each naming its line
 * @param fatal        why no index exists (e.g. a size limit), or null
 */
public record SymbolParseResult(SymbolIndex index, long malformed, List<String> errorSamples, String fatal) {

    public boolean corrupt() {
        return fatal != null || malformed > 0;
    }

    /** A one-line reason for a CORRUPT result, or null. */
    public String reason() {
        if (fatal != null) {
            return fatal;
        }
        if (malformed == 0) {
            return null;
        }
        String first = errorSamples.isEmpty() ? "" : ": " + errorSamples.get(0);
        return malformed + " malformed line" + (malformed == 1 ? "" : "s") + first;
    }

    /**
     * As a supplier result: LOADED when clean, otherwise CORRUPT with the reason. A CORRUPT result still
     * carries the index of the well-formed records when there is one, as Breakpad keeps using a module
     * whose symbol file had bad lines.
     */
    public SymbolSupplier.SymbolResult toSymbolResult() {
        if (!corrupt()) {
            return SymbolSupplier.SymbolResult.loaded(index);
        }
        return new SymbolSupplier.SymbolResult(SymbolSupplier.Status.CORRUPT, index, reason());
    }
}
