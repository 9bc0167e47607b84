/**
 * Breakpad text symbols (plain Java, no framework): {@link io.breakwater.symbols.BreakpadSymbolParser}
 * streams a {@code .sym} into an immutable {@link io.breakwater.symbols.SymbolIndex} (sorted primitive
 * arrays, one byte pool for names; binary-search lookups); {@link io.breakwater.symbols.SymbolSupplier}
 * implementations find and keep them: {@link io.breakwater.symbols.DirectorySymbolSupplier} reads the
 * symbol-server layout ({@code .sym} or {@code .sym.gz}), {@link io.breakwater.symbols.CachingSymbolSupplier}
 * keeps parsed indices in a byte-bounded LRU shared by all threads.
 *
 * <p>Rules, following Breakpad's resolver: FUNC by containment; line records only inside their FUNC;
 * PUBLIC = nearest at or below (and {@code publicSymbolFallback} adds Breakpad's bound by the nearest FUNC
 * below); INLINE chain outermost first, one record per nest level covering the offset; STACK CFI INIT by
 * containment plus the deltas at or before the offset; STACK WIN innermost covering record, type 4 before
 * type 0. Overlaps and duplicates: the record earlier in the file wins (STACK WIN records may nest);
 * zero-size ranges are ignored. Any malformed line makes the file CORRUPT with a reason, and the CORRUPT
 * result still carries the index of the well-formed records, as Breakpad keeps using such modules.
 *
 * <p>Benchmark: {@code io.breakwater.symbols.bench.SymbolParseBenchmark} (test sources); fuzzing:
 * {@code io.breakwater.symbols.SymbolFuzz --cases N} (test sources). Both print their command line in
 * their class comment.
 */
package io.breakwater.symbols;
