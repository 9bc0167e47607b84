package io.breakwater.search;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A crash as indexed: lean source document keyed by registry field names.
 *
 * @param version external version (completion time in ms) so an older processing result never replaces a
 *                newer one; null when the processed crash does not say when it was completed
 */
public record CrashDocument(String id, Instant date, Long version, ObjectNode source) {
}
