package io.breakwater.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.processor.ProcessedCrashStored;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The recorder skips the database for sightings that cannot move a row it already wrote. */
class SignatureFirstSeenRecorderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A store that keeps what it was asked to write (no database: only the recorder's choices are tested). */
    private static final class RecordingStore extends SignatureFirstSeenStore {
        final List<SignatureFirstSeen> writes = new ArrayList<>();
        boolean failing;

        RecordingStore() {
            super(null);
        }

        @Override
        public int record(Collection<SignatureFirstSeen> sightings) {
            if (failing) throw new IllegalStateException("database down");
            writes.addAll(sightings);
            return sightings.size();
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final SignatureFirstSeenRecorder recorder = new SignatureFirstSeenRecorder(store);

    private void see(String signature, String submitted, String build) {
        ObjectNode crash = MAPPER.createObjectNode().put("signature", signature).put("submitted_timestamp", submitted);
        if (build != null) crash.put("build", build);
        recorder.onStored(new ProcessedCrashStored("id", crash));
    }

    @Test
    void repeatsThatMoveNothingEarlierAreNotWritten() {
        see("a", "2024-03-01T00:00:00Z", "300");
        see("a", "2024-03-02T00:00:00Z", "300");
        see("a", "2024-03-01T00:00:00Z", null);
        see("a", "2024-03-05T00:00:00Z", "400");
        assertEquals(1, store.writes.size(), "only the first sighting reaches the database");

        see("a", "2024-02-01T00:00:00Z", "400");
        see("a", "2024-04-01T00:00:00Z", "100");
        see("b", "2024-04-01T00:00:00Z", null);
        assertEquals(List.of(new SignatureFirstSeen("a", Instant.parse("2024-03-01T00:00:00Z"), 300L),
                new SignatureFirstSeen("a", Instant.parse("2024-02-01T00:00:00Z"), 400L),
                new SignatureFirstSeen("a", Instant.parse("2024-04-01T00:00:00Z"), 100L),
                new SignatureFirstSeen("b", Instant.parse("2024-04-01T00:00:00Z"), null)), store.writes);

        see("a", "2024-03-01T00:00:00Z", "200");
        assertEquals(4, store.writes.size(), "both minimums are remembered merged: 2024-02-01 and build 100");
    }

    @Test
    void aFailedWriteIsTriedAgainWithTheNextSighting() {
        store.failing = true;
        see("c", "2024-03-01T00:00:00Z", "1");
        store.failing = false;
        see("c", "2024-03-01T00:00:00Z", "1");
        assertEquals(List.of(new SignatureFirstSeen("c", Instant.parse("2024-03-01T00:00:00Z"), 1L)), store.writes);
    }
}
