package io.breakwater.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class SignatureFirstSeenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void numericBuildIdsOnly() {
        assertEquals(20240131120000L, SignatureFirstSeen.numericBuild(" 20240131120000 "));
        assertNull(SignatureFirstSeen.numericBuild("1.2.3"));
        assertNull(SignatureFirstSeen.numericBuild(""));
        assertNull(SignatureFirstSeen.numericBuild(null));
        assertNull(SignatureFirstSeen.numericBuild("1234567890123456789"), "19 digits may not fit a bigint");
        assertNull(SignatureFirstSeen.numericBuild("-5"));
    }

    @Test
    void sightingOfAProcessedCrash() {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("signature", "foo | bar");
        p.put("submitted_timestamp", "2024-02-03T04:05:06.000000+00:00");
        p.put("date_processed", "2025-01-01T00:00:00+00:00");
        p.put("build", "20240101000000");
        assertEquals(Optional.of(new SignatureFirstSeen("foo | bar", Instant.parse("2024-02-03T04:05:06Z"), 20240101000000L)),
                SignatureFirstSeen.of(p));

        p.remove("submitted_timestamp");
        p.put("build", "nightly");
        assertEquals(Optional.of(new SignatureFirstSeen("foo | bar", Instant.parse("2025-01-01T00:00:00Z"), null)),
                SignatureFirstSeen.of(p), "date_processed as fallback; non-numeric build ignored");

        p.remove("date_processed");
        assertTrue(SignatureFirstSeen.of(p).isEmpty(), "no date, no sighting");
        p.put("date_processed", "2025-01-01T00:00:00+00:00");
        p.put("signature", "  ");
        assertTrue(SignatureFirstSeen.of(p).isEmpty(), "blank signature");
        p.put("signature", "a\u0000b");
        assertTrue(SignatureFirstSeen.of(p).isEmpty(), "PostgreSQL text cannot hold NUL");
        p.put("signature", "x".repeat(SignatureFirstSeen.MAX_SIGNATURE_BYTES + 1));
        assertTrue(SignatureFirstSeen.of(p).isEmpty(), "oversized signature");
        p.putArray("signature");
        assertTrue(SignatureFirstSeen.of(p).isEmpty(), "not text");
        assertTrue(SignatureFirstSeen.of(MAPPER.createArrayNode()).isEmpty());
    }

    @Test
    void mergeTakesBothMinimumsIndependently() {
        Instant early = Instant.parse("2024-01-01T00:00:00Z");
        Instant late = Instant.parse("2024-06-01T00:00:00Z");
        SignatureFirstSeen a = new SignatureFirstSeen("s", late, 100L);
        SignatureFirstSeen b = new SignatureFirstSeen("s", early, 200L);
        assertEquals(new SignatureFirstSeen("s", early, 100L), a.merge(b));
        assertEquals(a.merge(b), b.merge(a));
        assertEquals(new SignatureFirstSeen("s", early, 200L), b.merge(new SignatureFirstSeen("s", late, null)));
        assertEquals(new SignatureFirstSeen("s", early, 100L), new SignatureFirstSeen("s", early, null).merge(a));
        assertThrows(IllegalArgumentException.class, () -> a.merge(new SignatureFirstSeen("t", early, 1L)));
    }

    @Test
    void movesEarlierWhenEitherMinimumWouldChange() {
        Instant early = Instant.parse("2024-01-01T00:00:00Z");
        Instant late = Instant.parse("2024-06-01T00:00:00Z");
        SignatureFirstSeen known = new SignatureFirstSeen("s", early, 100L);
        assertFalse(new SignatureFirstSeen("s", early, 100L).movesEarlier(known), "same");
        assertFalse(new SignatureFirstSeen("s", late, 200L).movesEarlier(known), "later, higher");
        assertFalse(new SignatureFirstSeen("s", late, null).movesEarlier(known), "no build changes no build");
        assertTrue(new SignatureFirstSeen("s", early.minusSeconds(1), 200L).movesEarlier(known), "earlier date");
        assertTrue(new SignatureFirstSeen("s", late, 99L).movesEarlier(known), "lower build");
        assertTrue(new SignatureFirstSeen("s", late, 500L).movesEarlier(new SignatureFirstSeen("s", early, null)),
                "a first build where there was none");
    }
}
