/**
 * Search: the processed-crash field registry, Elasticsearch indexing and Super Search.
 *
 * <h2>Registry</h2>
 * {@code src/main/resources/search/fields.json}, loaded as {@link io.breakwater.search.FieldRegistry}: per
 * field its name, source paths in the processed crash ({@code raw_crash.<Annotation>} for annotations,
 * {@code json_dump.*} for stack-walker output), query type, storage, operators, protected flag and
 * description. An operator may add fields with {@code breakwater.search.extra-fields-file}.
 *
 * <h2>Indexing (for the processor)</h2>
 * After saving {@code v1/processed_crash/<id>}, call {@link io.breakwater.search.CrashIndexer#index(
 * com.fasterxml.jackson.databind.JsonNode)} (or the String / bulk {@code indexAll} forms). It never throws
 * because Elasticsearch is down: it returns {@code INDEXED}, {@code QUEUED} (id stored in the PostgreSQL
 * table {@code search_index_backlog}; the scheduled catch-up re-reads the crash through
 * {@link io.breakwater.search.ProcessedCrashSource}) or {@code REJECTED} (no usable id/date, or the document
 * was refused; logged). Annotations are read from the processed crash's {@code raw_crash} map. Documents
 * are keyed by crash id in the weekly index of the submission date ({@code <prefix>-%Y%W}), versioned by
 * {@code completed_datetime}, so reprocessing replaces a document and a late, older result never wins.
 *
 * <h2>Operations</h2>
 * {@link io.breakwater.search.CrashIndexManager}: template, alias, {@code listIndices()},
 * {@code deleteExpired()} (retention {@code breakwater.es.retention-weeks}, default 26).
 * {@link io.breakwater.search.SearchReindexer}: rebuild from object storage through the backlog.
 * {@link io.breakwater.search.SearchBacklogDrainer}: the catch-up ({@code breakwater.search.catch-up.interval}).
 */
package io.breakwater.search;
