package io.breakwater.symbols;

/**
 * What a parse saw. Record counts are the well-formed records read; the {@code dropped*}, {@code zeroSize}
 * and similar counts say how many of them the index does not use and why.
 *
 * @param bytes            bytes of symbol text read
 * @param lines            text lines (including blank ones)
 * @param stackWinOtherTypes STACK WIN records of types 1..3, which Breakpad parses but never consults
 * @param unknownRecords   lines starting with an unknown upper-case record name (skipped)
 * @param malformed        malformed lines (each makes the file CORRUPT)
 * @param droppedConflicts records dropped because an earlier record covers the same or an overlapping
 *                         range (FUNC, line, STACK CFI INIT, STACK WIN, INLINE at one depth) or the same
 *                         address (PUBLIC)
 * @param zeroSize         ranges of size zero or running past the end of the address space (ignored)
 * @param truncatedLines   lines longer than the line limit, cut to the limit
 * @param droppedInlines   INLINE records whose nest level skips a level (their parent was dropped)
 * @param orphanCfiDeltas  STACK CFI delta records outside the range of the preceding STACK CFI INIT
 * @param farLines         line/INLINE ranges more than 2 GiB from their FUNC's start (never reachable)
 */
public record SymbolStats(
        long bytes, long lines,
        long modules, long infos, long files, long inlineOrigins, long functions, long lineRecords,
        long inlineRecords, long inlineRanges, long publics, long cfiInits, long cfiDeltas,
        long stackWin, long stackWinOtherTypes, long unknownRecords, long malformed,
        long droppedConflicts, long zeroSize, long truncatedLines, long droppedInlines,
        long orphanCfiDeltas, long farLines) {
}
