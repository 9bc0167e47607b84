package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SanitisingRulesTest {

    static ProcessingContext ctx(Map<String, Object> raw) {
        return ProcessingContext.of(raw);
    }

    @Test
    void stripsNulsFromKeysAndNestedValues() throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("Prod\0uctName", "Fire\0fox");
        raw.put("metadata", new LinkedHashMap<>(Map.of("user_agent", "a\0b")));
        raw.put("list", new ArrayList<>(List.of("x\0", "y")));
        ProcessingContext ctx = ctx(raw);
        new DeNullRule().action(ctx);
        assertEquals("Firefox", ctx.rawCrash().get("ProductName"));
        assertFalse(ctx.rawCrash().containsKey("Prod\0uctName"));
        assertEquals("ab", ((Map<?, ?>) ctx.rawCrash().get("metadata")).get("user_agent"));
        assertEquals(List.of("x", "y"), ctx.rawCrash().get("list"));
        assertTrue(ctx.notes().stream().anyMatch(n -> n.contains("NUL")));
    }

    @Test
    void leavesCleanCrashAloneWithoutNote() throws Exception {
        ProcessingContext ctx = ctx(new LinkedHashMap<>(Map.of("ProductName", "App")));
        new DeNullRule().action(ctx);
        assertEquals(Map.of("ProductName", "App"), ctx.rawCrash());
        assertTrue(ctx.notes().isEmpty());
    }

    @Test
    void dropsNullValuesAtEveryLevel() throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("Version", null);
        raw.put("ProductName", "App");
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", null);
        nested.put("b", "1");
        raw.put("metadata", nested);
        List<Object> list = new ArrayList<>();
        list.add(null);
        list.add("z");
        raw.put("list", list);
        ProcessingContext ctx = ctx(raw);
        new DeNoneRule().action(ctx);
        assertFalse(ctx.rawCrash().containsKey("Version"));
        assertEquals(Map.of("b", "1"), ctx.rawCrash().get("metadata"));
        assertEquals(List.of("z"), ctx.rawCrash().get("list"));
        assertEquals(1, ctx.notes().size());
    }

    @Test
    void replacesUnpairedSurrogatesKeepsPairs() throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("Comments", "bad \uD800 here, good \uD83D\uDE00, lone low \uDC00");
        raw.put("k\uDFFF", "v");
        ProcessingContext ctx = ctx(raw);
        new BadUnicodeRule().action(ctx);
        assertEquals("bad \uFFFD here, good \uD83D\uDE00, lone low \uFFFD", ctx.rawCrash().get("Comments"));
        assertTrue(ctx.rawCrash().containsKey("k\uFFFD"));
        assertEquals(1, ctx.notes().size());
    }

    @Test
    void validTextIsUntouched() throws Exception {
        ProcessingContext ctx = ctx(new LinkedHashMap<>(Map.of("Comments", "naïve \uD83D\uDE00")));
        new BadUnicodeRule().action(ctx);
        assertEquals("naïve \uD83D\uDE00", ctx.rawCrash().get("Comments"));
        assertTrue(ctx.notes().isEmpty());
    }

    @Test
    void sortedSaneKeysIncludingDumpNamesAndNotesInvalidOnes() throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("Version", "1", "ProductName", "App",
                "bad key!", "x", "uuid", "u"));
        ProcessingContext ctx = new ProcessingContext("u", "default", raw,
                Map.of("upload_file_minidump", java.nio.file.Path.of("/nonexistent")), null, java.time.Instant.now());
        new CrashReportKeysRule().action(ctx);
        assertEquals("[\"ProductName\",\"Version\",\"upload_file_minidump\",\"uuid\"]",
                ctx.processed().get("crash_report_keys").toString());
        assertTrue(ctx.notes().stream().anyMatch(n -> n.startsWith("invalidkeys")));
    }

    @Test
    void copiesMetadataObject() throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("metadata", Map.of("payload", "multipart", "dump_checksums", Map.of("upload_file_minidump", "ab")));
        ProcessingContext ctx = ctx(raw);
        new CollectorMetadataRule().action(ctx);
        assertEquals("multipart", ctx.processed().at("/collector_metadata/payload").asText());
        assertEquals("ab", ctx.processed().at("/collector_metadata/dump_checksums/upload_file_minidump").asText());
    }

    @Test
    void missingMetadataGivesEmptyObject() throws Exception {
        ProcessingContext ctx = ctx(new LinkedHashMap<>());
        new CollectorMetadataRule().action(ctx);
        assertTrue(ctx.processed().get("collector_metadata").isObject());
        assertEquals(0, ctx.processed().get("collector_metadata").size());
    }

    @Test
    void copiesUuid() throws Exception {
        ProcessingContext ctx = ctx(new LinkedHashMap<>(Map.of("uuid", "de1bb258-cbbf-4589-a673-34f800160918")));
        new IdentifierRule().action(ctx);
        assertEquals("de1bb258-cbbf-4589-a673-34f800160918", ctx.processed().get("uuid").asText());
        assertEquals("de1bb258-cbbf-4589-a673-34f800160918", ctx.processed().get("crash_id").asText());
    }

    @Test
    void queuedIdWinsOverDisagreeingUuid() throws Exception {
        ProcessingContext ctx = new ProcessingContext("queued-id", "default",
                new LinkedHashMap<>(Map.of("uuid", "other")), Map.of(), null, java.time.Instant.now());
        new IdentifierRule().action(ctx);
        assertEquals("queued-id", ctx.processed().get("crash_id").asText());
        assertEquals(1, ctx.notes().size());
    }
}
