package io.breakwater.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.processor.ProcessorDates;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a signature was first seen: the earliest submission time and the lowest numeric build id of its
 * crashes. One crash is a sighting of the same shape; sightings merge by taking both minimums
 * independently (as Socorro's updatesignatures does), so order and repetition do not matter.
 *
 * @param firstBuild null while no crash of the signature had a numeric build id
 */
public record SignatureFirstSeen(String signature, Instant firstDate, Long firstBuild) {

    /** Keeps the primary-key entry well under PostgreSQL's b-tree limit; real signatures are ≤ 255 chars. */
    static final int MAX_SIGNATURE_BYTES = 2000;
    /** Build ids like 20240131120000; longer digit strings would not fit a bigint. */
    private static final Pattern NUMERIC_BUILD = Pattern.compile("[0-9]{1,18}");

    public SignatureFirstSeen {
        Objects.requireNonNull(signature);
        Objects.requireNonNull(firstDate);
    }

    /** Whether the signature can be kept at all (not blank, no NUL, bounded). */
    public static boolean storable(String signature) {
        return signature != null && !signature.isBlank() && signature.indexOf('\0') < 0
                && signature.getBytes(StandardCharsets.UTF_8).length <= MAX_SIGNATURE_BYTES;
    }

    /** The build id as a number when it is one (Socorro's build ids are yyyymmddhhmmss), else null. */
    public static Long numericBuild(String buildId) {
        if (buildId == null) return null;
        String s = buildId.strip();
        return NUMERIC_BUILD.matcher(s).matches() ? Long.valueOf(s) : null;
    }

    /**
     * The sighting a processed crash makes: its signature, submission time and build. Empty when the crash
     * has no usable signature or no submission time.
     */
    public static Optional<SignatureFirstSeen> of(JsonNode processedCrash) {
        if (processedCrash == null || !processedCrash.isObject()) return Optional.empty();
        String signature = text(processedCrash, "signature");
        if (!storable(signature)) return Optional.empty();
        Instant date = ProcessorDates.parse(text(processedCrash, "submitted_timestamp"));
        if (date == null) date = ProcessorDates.parse(text(processedCrash, "date_processed"));
        if (date == null) return Optional.empty();
        return Optional.of(new SignatureFirstSeen(signature, date, numericBuild(text(processedCrash, "build"))));
    }

    /** Both minimums of two records of the same signature. */
    public SignatureFirstSeen merge(SignatureFirstSeen other) {
        if (!signature.equals(other.signature)) {
            throw new IllegalArgumentException("different signatures");
        }
        Instant date = other.firstDate.isBefore(firstDate) ? other.firstDate : firstDate;
        Long build = firstBuild == null ? other.firstBuild
                : other.firstBuild == null ? firstBuild : Math.min(firstBuild, other.firstBuild);
        return new SignatureFirstSeen(signature, date, build);
    }

    /** Whether recording this sighting would change {@code known} (either minimum moves earlier). */
    public boolean movesEarlier(SignatureFirstSeen known) {
        return firstDate.isBefore(known.firstDate)
                || (firstBuild != null && (known.firstBuild == null || firstBuild < known.firstBuild));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
