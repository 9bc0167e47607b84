package io.breakwater.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class CrashDocumentBuilderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final CrashDocumentBuilder builder = new CrashDocumentBuilder(FieldRegistry.loadDefault());

    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) MAPPER.readTree(s);
    }

    @Test
    void withoutATimestampTheDocumentTakesTheDayItsIdCarries() throws Exception {
        CrashDocument doc = builder.build(json("""
                {"uuid": "de1bb258-cbbf-4589-a673-34f800261124", "signature": "s"}"""), null);
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), doc.date());
        // 30 February is no day: such an id has no date to index under.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.build(json("""
                {"uuid": "de1bb258-cbbf-4589-a673-34f800260230", "signature": "s"}"""), null));
        assertTrue(e.getMessage().contains("no submission date"), e.getMessage());
    }

    @Test
    void buildsALeanDocumentFromProcessedCrashAndAnnotations() throws Exception {
        ObjectNode processed = json("""
                {"uuid": "de1bb258-cbbf-4589-a673-34f800261124",
                 "signature": "crash_me | main", "product": "", "version": "1.2.3",
                 "submitted_timestamp": "2026-11-24T10:15:30.123456+00:00",
                 "completed_datetime": "2026-11-24T10:15:35Z",
                 "uptime": "42", "install_age": 3.7, "cpu_count": 8, "crashing_thread": 0,
                 "os_name": "Linux", "success": true,
                 "modules_in_stack": "libc.so.6/ABC;crash/DEF; ;",
                 "topmost_filenames": ["a.cc", "b.cc"],
                 "json_dump": {"threads": [{"frames": []}]},
                 "url": "https://example.com/secret",
                 "raw_crash": {"ProductName": "Demo", "StartupCrash": "1", "InstallTime": "1700000000",
                               "Comments": "it broke", "guid": "0123abcd", "SomethingElse": "x"}}""");
        CrashDocument doc = builder.build(processed, null);
        JsonNode s = doc.source();
        assertEquals("de1bb258-cbbf-4589-a673-34f800261124", doc.id());
        assertEquals(Instant.parse("2026-11-24T10:15:30.123456Z"), doc.date());
        assertEquals(Instant.parse("2026-11-24T10:15:35Z").toEpochMilli(), doc.version());
        // empty processed product falls back to the annotation
        assertEquals("Demo", s.get("product").asText());
        assertEquals(42, s.get("uptime").asLong());
        assertEquals(3, s.get("install_age").asLong());
        assertTrue(s.get("startup_crash").asBoolean());
        assertEquals("2023-11-14T22:13:20Z", s.get("install_time").asText());
        assertEquals("it broke", s.get("user_comments").asText());
        assertEquals("https://example.com/secret", s.get("url").asText());
        assertEquals("0123abcd", s.get("install_id").asText());
        assertEquals(2, s.get("modules_in_stack").size());
        assertEquals("crash/DEF", s.get("modules_in_stack").get(1).asText());
        assertEquals(2, s.get("topmost_filenames").size());
        assertEquals("Linux", s.get("platform").asText());
        // nothing outside the registry: no json_dump, no unknown annotations
        assertNull(s.get("json_dump"));
        assertNull(s.get("raw_crash"));
        assertNull(s.get("SomethingElse"));
    }

    @Test
    void stackWalkerOutputFillsFieldsTheProcessorLeftOut() throws Exception {
        CrashDocument doc = builder.build(json("""
                {"uuid": "de1bb258-cbbf-4589-a673-34f800261124", "reason": "SIGABRT",
                 "json_dump": {"system_info": {"os": "Linux", "cpu_arch": "amd64", "cpu_count": 4},
                               "crash_info": {"type": "SIGSEGV /SEGV_MAPERR", "address": "0x0", "crashing_thread": 0},
                               "thread_count": 7, "threads": [{"frames": [{"function": "main"}]}]}}"""), null);
        JsonNode s = doc.source();
        assertEquals("Linux", s.get("platform").asText());
        assertEquals("amd64", s.get("cpu_arch").asText());
        assertEquals(4, s.get("cpu_count").asInt());
        assertEquals("0x0", s.get("address").asText());
        assertEquals(0, s.get("crashing_thread").asInt());
        assertEquals(7, s.get("thread_count").asInt());
        // the processor's own field wins
        assertEquals("SIGABRT", s.get("reason").asText());
        assertFalse(s.toString().contains("main"), "frames are not indexed");
    }

    @Test
    void separateRawCrashWinsOverEmbeddedOne() throws Exception {
        CrashDocument doc = builder.build(json("""
                {"crash_id": "DE1BB258-CBBF-4589-A673-34F800261124", "raw_crash": {"ProductName": "Embedded"}}"""),
                json("{\"ProductName\": \"Separate\"}"));
        assertEquals("Separate", doc.source().get("product").asText());
        assertEquals("de1bb258-cbbf-4589-a673-34f800261124", doc.id());
    }

    @Test
    void dateFallsBackToTheDayInTheCrashId() throws Exception {
        CrashDocument doc = builder.build(json("{\"uuid\": \"de1bb258-cbbf-4589-a673-34f800261124\"}"), null);
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), doc.date());
        assertEquals("2026-11-24T00:00:00Z", doc.source().get("date").asText());
        assertNull(doc.version());
    }

    @Test
    void unconvertibleValuesAreLeftOut() throws Exception {
        CrashDocument doc = builder.build(json("""
                {"uuid": "de1bb258-cbbf-4589-a673-34f800261124", "uptime": "forever", "cpu_count": 99999999999,
                 "success": "maybe", "crashing_thread": {"a": 1}, "completed_datetime": "yesterday",
                 "signature": {"nested": true}}"""), null);
        assertNull(doc.source().get("uptime"));
        assertNull(doc.source().get("cpu_count"));
        assertNull(doc.source().get("success"));
        assertNull(doc.source().get("crashing_thread"));
        assertNull(doc.source().get("signature"));
        assertNull(doc.version());
    }

    @Test
    void longStringsAreCut() throws Exception {
        ObjectNode p = json("{\"uuid\": \"de1bb258-cbbf-4589-a673-34f800261124\"}");
        p.put("signature", "x".repeat(100_000));
        assertEquals(CrashDocumentBuilder.MAX_STRING, builder.build(p, null).source().get("signature").asText().length());
    }

    @Test
    void rejectsCrashesWithoutId() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> builder.build(json("{\"signature\": \"x\"}"), null));
        assertThrows(IllegalArgumentException.class, () -> builder.build(json("{\"uuid\": \"../../etc\"}"), null));
        assertThrows(IllegalArgumentException.class, () -> builder.build(MAPPER.readTree("[1]"), null));
        // no timestamp and no date in the id
        assertThrows(IllegalArgumentException.class,
                () -> builder.build(json("{\"uuid\": \"de1bb258-cbbf-4589-a673-34f800999999\"}"), null));
    }

    @Test
    void parsesTheUsualDateForms() {
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), CrashDocumentBuilder.parseDateText("2026-11-24T10:00:00Z"));
        assertEquals(Instant.parse("2026-11-24T09:00:00Z"), CrashDocumentBuilder.parseDateText("2026-11-24T10:00:00+01:00"));
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), CrashDocumentBuilder.parseDateText("2026-11-24 10:00:00"));
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), CrashDocumentBuilder.parseDateText("2026-11-24"));
        assertEquals(Instant.ofEpochSecond(1700000000), CrashDocumentBuilder.parseDateText("1700000000"));
        assertEquals(Instant.ofEpochMilli(1700000000123L), CrashDocumentBuilder.parseDateText("1700000000123"));
        assertNull(CrashDocumentBuilder.parseDateText("next tuesday"));
        assertNull(CrashDocumentBuilder.parseDateText("2026-13-45"));
    }

    /**
     * The hand-written reader of the processor's own form agrees with {@code ISO_OFFSET_DATE_TIME} wherever it
     * answers, and answers for every well-formed instance of that form.
     */
    @Test
    void canonicalDatesReadAsTheIsoParserReadsThem() {
        java.util.Random random = new java.util.Random(42);
        String[] offsets = {"Z", "+00:00", "-00:00", "+05:30", "-11:45", "+18:00", "+18:30", "+1:00", "z", "+05:3x"};
        String[] fractions = {"", ".1", ".123", ".123456", ".123456789", ".1234567890", ".", ".12a"};
        int answered = 0;
        for (int i = 0; i < 20_000; i++) {
            String s = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(3000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61),
                    fractions[random.nextInt(fractions.length)], offsets[random.nextInt(offsets.length)]);
            if (random.nextInt(10) == 0) {
                char[] chars = s.toCharArray();
                chars[random.nextInt(chars.length)] = "0:-T.+Zx ".charAt(random.nextInt(9));
                s = new String(chars);
            }
            Instant iso;
            try {
                iso = java.time.OffsetDateTime.parse(s, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                iso = null;
            }
            Instant fast = CrashDocumentBuilder.parseCanonical(s);
            assertEquals(instantParse(s), documentDate(s), s);
            if (fast != null) {
                assertEquals(iso, fast, s);
                answered++;
            } else if (iso != null) {
                // Only forms outside the canonical one may be left to the general parser.
                assertTrue(s.contains("z") || s.contains("t"), "left unanswered: " + s);
            }
        }
        assertTrue(answered > 1_000, "answered " + answered);
        assertEquals(Instant.parse("2026-12-04T19:55:33.123456Z"),
                CrashDocumentBuilder.parseDateText("2026-12-04T19:55:33.123456+00:00"));
    }

    /** What {@code Instant.parse} makes of a text, or its exception's class. */
    private static Object instantParse(String s) {
        try {
            return Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return e.getClass();
        }
    }

    private static Object documentDate(String s) {
        try {
            return CrashDocumentBuilder.documentDate(s);
        } catch (java.time.format.DateTimeParseException e) {
            return e.getClass();
        }
    }
}
