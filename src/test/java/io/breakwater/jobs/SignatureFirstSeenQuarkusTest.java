package io.breakwater.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.api.SignatureFirstDateResource;
import io.breakwater.processor.ProcessedCrashStored;
import io.breakwater.search.CrashIndexManager;
import io.breakwater.search.CrashIndexer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * First-seen bookkeeping against the real PostgreSQL and Elasticsearch: the table keeps the earliest date
 * and lowest build whatever the order, the processor event records, the backfill job sweeps search, and
 * {@code GET /api/SignatureFirstDate} reads it all back.
 */
@QuarkusTest
class SignatureFirstSeenQuarkusTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    SignatureFirstSeenStore store;
    @Inject
    SignatureFirstSeenBackfill backfill;
    @Inject
    Event<ProcessedCrashStored> stored;
    @Inject
    CrashIndexer indexer;
    @Inject
    CrashIndexManager indexes;
    @Inject
    SignatureFirstDateResource resource;

    private static String signature(String what) {
        return "first_seen_" + what + " | " + UUID.randomUUID();
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(days, ChronoUnit.DAYS);
    }

    private SignatureFirstSeen row(String signature) {
        List<SignatureFirstSeen> rows = store.find(List.of(signature));
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void earliestDateAndLowestBuildWinWhateverTheOrder() {
        String sig = signature("order");
        assertEquals(1, store.record(List.of(new SignatureFirstSeen(sig, daysAgo(2), 300L))));
        assertEquals(1, store.record(List.of(new SignatureFirstSeen(sig, daysAgo(5), null))), "earlier date moves it");
        assertEquals(1, store.record(List.of(new SignatureFirstSeen(sig, daysAgo(1), 100L))), "lower build moves it");
        assertEquals(new SignatureFirstSeen(sig, daysAgo(5), 100L), row(sig));

        assertEquals(0, store.record(List.of(new SignatureFirstSeen(sig, daysAgo(5), 100L))), "same again: no change");
        assertEquals(0, store.record(List.of(new SignatureFirstSeen(sig, daysAgo(3), 200L))), "later: no change");
        assertEquals(new SignatureFirstSeen(sig, daysAgo(5), 100L), row(sig));

        String fresh = signature("batch");
        assertEquals(1, store.record(List.of(new SignatureFirstSeen(fresh, daysAgo(1), null),
                new SignatureFirstSeen(fresh, daysAgo(4), 7L), new SignatureFirstSeen(fresh, daysAgo(2), 3L))),
                "duplicates in one batch merge");
        assertEquals(new SignatureFirstSeen(fresh, daysAgo(4), 3L), row(fresh));
        assertEquals(0, store.record(List.of(new SignatureFirstSeen("bad\u0000sig", NOW, null))), "unstorable skipped");
    }

    @Test
    void processedCrashEventsRecordAndNeverThrow() {
        String sig = signature("event");
        ObjectNode later = processed(sig, daysAgo(1), "20240301000000");
        ObjectNode earlier = processed(sig, daysAgo(3), "20240201000000");
        stored.fire(new ProcessedCrashStored(later.get("uuid").asText(), later));
        stored.fire(new ProcessedCrashStored(earlier.get("uuid").asText(), earlier));
        stored.fire(new ProcessedCrashStored(later.get("uuid").asText(), later));
        assertEquals(new SignatureFirstSeen(sig, daysAgo(3), 20240201000000L), row(sig));

        // Crashes without what it takes are skipped quietly.
        assertDoesNotThrow(() -> stored.fire(new ProcessedCrashStored("x", MAPPER.createArrayNode())));
        assertDoesNotThrow(() -> stored.fire(new ProcessedCrashStored("x", MAPPER.createObjectNode().put("signature", sig))));
    }

    @Test
    void backfillSweepsSearchAndIsIdempotent() {
        String a = signature("backfill_a");
        String b = signature("backfill_b");
        // Out of order on purpose; the earliest crash of a has a non-numeric build.
        index(processed(a, daysAgo(2), "20240105000000"));
        index(processed(a, daysAgo(9), "beta"));
        index(processed(a, daysAgo(4), "20240101000000"));
        index(processed(b, daysAgo(1), null));
        indexes.refresh();

        SignatureFirstSeenBackfill.Result first = backfill.sweep(null, NOW.plusSeconds(1));
        assertTrue(first.pairs() >= 4, "pairs swept: " + first.pairs());
        assertTrue(first.changed() >= 2, "a and b added: " + first.changed());
        assertEquals(new SignatureFirstSeen(a, daysAgo(9), 20240101000000L), row(a));
        assertEquals(new SignatureFirstSeen(b, daysAgo(1), null), row(b));

        SignatureFirstSeenBackfill.Result again = backfill.sweep(daysAgo(30), NOW.plusSeconds(1));
        assertEquals(new SignatureFirstSeen(a, daysAgo(9), 20240101000000L), row(a), "unchanged by a second sweep");
        assertEquals(new SignatureFirstSeen(b, daysAgo(1), null), row(b));
        assertTrue(again.pairs() >= 4);

        // A window that ends before a crash does not see it.
        String c = signature("backfill_c");
        index(processed(c, daysAgo(1), "5"));
        indexes.refresh();
        backfill.sweep(daysAgo(20), daysAgo(2));
        assertNull(row(c));
        backfill.sweep(daysAgo(2), NOW.plusSeconds(1));
        assertEquals(new SignatureFirstSeen(c, daysAgo(1), 5L), row(c));
    }

    @Test
    void scheduledRunsContinueFromTheLastSweep() {
        store.resetSweep();
        String old = signature("run_old");
        index(processed(old, daysAgo(6), null));
        indexes.refresh();
        SignatureFirstSeenBackfill.Result first = backfill.run();
        assertNull(first.from(), "the first run sweeps everything indexed");
        assertEquals(first.until(), store.sweptUntil().orElseThrow());
        assertEquals(daysAgo(6), row(old).firstDate());

        // Indexed late with an old date: outside the next window (it is the processor hook's job).
        String late = signature("run_late");
        index(processed(late, daysAgo(6), null));
        String recent = signature("run_recent");
        index(processed(recent, Instant.now().truncatedTo(ChronoUnit.SECONDS), null));
        indexes.refresh();
        SignatureFirstSeenBackfill.Result second = backfill.run();
        assertEquals(first.until().minus(java.time.Duration.ofHours(1)), second.from(), "overlap of one hour");
        assertNotNull(row(recent));
        assertNull(row(late));
    }

    @Test
    void signatureFirstDateApi() {
        String known = signature("api");
        String other = signature("api_other");
        store.record(List.of(new SignatureFirstSeen(known, Instant.parse("2024-03-04T05:06:07Z"), 20240304000000L),
                new SignatureFirstSeen(other, Instant.parse("2024-01-01T00:00:00Z"), null)));
        given().queryParam("signatures", known).queryParam("signatures", "never seen " + UUID.randomUUID())
                .queryParam("signatures", other).queryParam("signatures", known)
                .get("/api/SignatureFirstDate").then().statusCode(200)
                .body("total", equalTo(2))
                .body("hits[0].signature", equalTo(known))
                .body("hits[0].first_date", equalTo("2024-03-04T05:06:07.000000+00:00"))
                .body("hits[0].first_build", equalTo("20240304000000"))
                .body("hits[1].signature", equalTo(other))
                .body("hits[1].first_build", nullValue());
        given().get("/api/SignatureFirstDate").then().statusCode(400)
                .body("error", containsString("signatures is required")).body("parameter", equalTo("signatures"));
        given().queryParam("signatures", "").get("/api/SignatureFirstDate").then().statusCode(400);
        given().queryParam("signatures", "nothing like it " + UUID.randomUUID()).get("/api/SignatureFirstDate")
                .then().statusCode(200).body("total", equalTo(0)).body("hits", empty());

        // Beyond what one request may ask (a URL that long would not get through; the resource checks anyway).
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= SignatureFirstSeenStore.MAX_LOOKUP; i++) many.add("s" + i);
        assertEquals(400, resource.firstDates(many).getStatus());
        many.remove(0);
        assertEquals(200, resource.firstDates(many).getStatus());
    }

    private void index(ObjectNode crash) {
        assertEquals(CrashIndexer.Outcome.INDEXED, indexer.index(crash));
    }

    private static ObjectNode processed(String signature, Instant submitted, String build) {
        String uuid = UUID.randomUUID().toString();
        String id = uuid.substring(0, uuid.length() - 7) + "0"
                + DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC).format(submitted);
        ObjectNode p = MAPPER.createObjectNode();
        p.put("uuid", id);
        p.put("crash_id", id);
        p.put("submitted_timestamp", submitted.toString());
        p.put("date_processed", submitted.toString());
        p.put("signature", signature);
        p.put("product", "FirstSeenTest");
        if (build != null) p.put("build", build);
        return p;
    }
}
