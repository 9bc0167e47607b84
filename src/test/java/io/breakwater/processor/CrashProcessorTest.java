package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashProcessorTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ID = "de1bb258-cbbf-4589-a673-34f800160918";

    final AtomicInteger walks = new AtomicInteger();
    final AtomicInteger signatures = new AtomicInteger();
    String signature = "crash_here | caller";

    final DumpWalker walker = dump -> {
        walks.incrementAndGet();
        return MAPPER.readTree("""
                {"status": "OK", "crash_info": {"type": "SIGSEGV", "address": "0x0", "crashing_thread": 0},
                 "system_info": {"os": "Linux", "os_ver": "6.1", "cpu_arch": "amd64", "cpu_count": 2},
                 "threads": [{"frames": [{"module": "app", "function": "crash_here", "file": "a.c", "line": 1}]}],
                 "modules": [{"filename": "app", "debug_id": "AB", "missing_symbols": false}]}""");
    };
    final SignatureComputer computer = (raw, processed) -> {
        signatures.incrementAndGet();
        return new SignatureComputer.Result(signature, signature + " | main", List.of(), List.of("debug"));
    };

    CrashProcessor processor(Clock clock) {
        return new CrashProcessor(RuleSets.create(walker, computer), clock);
    }

    static Map<String, Object> raw() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("uuid", ID);
        raw.put("submitted_timestamp", "2016-09-18T10:00:00+00:00");
        raw.put("ProductName", "App");
        raw.put("Version", "2.0.1");
        raw.put("CustomAnnotation", "stays in raw");
        return raw;
    }

    static final Map<String, Path> DUMPS = Map.of(ProcessingContext.MAIN_DUMP, Path.of("crash.dmp"));

    @Test
    void defaultRulesetBuildsTheProcessedCrash() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2016-09-18T10:00:05Z"), ZoneOffset.UTC);
        ObjectNode p = processor(clock).process(new CrashProcessor.Input(ID, null, raw(), DUMPS, null));
        assertEquals(ID, p.get("crash_id").asText());
        assertEquals("App", p.get("product").asText());
        assertEquals(2, p.get("major_version").asInt());
        assertEquals("crash_here | caller", p.get("signature").asText());
        assertEquals("SIGSEGV", p.get("reason").asText());
        assertEquals("Linux", p.get("os_name").asText());
        assertEquals("a.c", p.get("topmost_filenames").asText());
        assertEquals("app/AB", p.get("modules_in_stack").asText());
        assertEquals("", p.get("process_type").asText(), "no ProcessType annotation: missing, not parent");
        assertEquals("crash", p.get("report_type").asText());
        assertTrue(p.get("success").asBoolean());
        assertEquals("2016-09-18T10:00:05.000000+00:00", p.get("started_datetime").asText());
        assertEquals("2016-09-18T10:00:05.000000+00:00", p.get("completed_datetime").asText());
        assertEquals(0, p.get("processor_history").size());
        assertFalse(p.has("CustomAnnotation"), "annotations without a canonical field stay in the raw crash");
        assertTrue(p.get("processor_notes").isTextual());
    }

    @Test
    void failingRuleIsNotedAndTheRestStillRuns() throws Exception {
        SignatureComputer broken = (raw, processed) -> { throw new IllegalStateException("boom"); };
        CrashProcessor processor = new CrashProcessor(RuleSets.create(walker, broken), Clock.systemUTC());
        ObjectNode p = processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, null));
        assertEquals(CrashProcessor.EMPTY_SIGNATURE, p.get("signature").asText());
        assertTrue(p.get("processor_notes").asText().contains("rule SignatureRule failed: IllegalStateException"));
        assertFalse(p.get("processor_notes").asText().contains("boom"), "exception messages stay out of public notes");
        assertEquals("Linux", p.get("os_name").asText());
    }

    @Test
    void unreadableDumpEndsUnsuccessful() throws Exception {
        DumpWalker garbage = dump -> { throw new IllegalArgumentException("bad header"); };
        CrashProcessor processor = new CrashProcessor(RuleSets.create(garbage, computer), Clock.systemUTC());
        ObjectNode p = processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, null));
        assertFalse(p.get("success").asBoolean());
        assertTrue(p.get("processor_notes").asText().contains("bad header"));
        assertEquals("App", p.get("product").asText());
    }

    @Test
    void reprocessingKeepsHistoryNewestFirst() throws Exception {
        CrashProcessor processor = processor(Clock.systemUTC());
        ObjectNode first = processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, null));
        ObjectNode second = processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, first));
        ObjectNode third = processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, second));
        assertEquals(1, second.get("processor_history").size());
        assertEquals(2, third.get("processor_history").size());
        assertEquals(second.get("started_datetime"), third.at("/processor_history/0/started_datetime"));
        assertEquals(first.get("started_datetime"), third.at("/processor_history/1/started_datetime"));
        assertEquals(first.get("processor_notes"), third.at("/processor_history/1/processor_notes"));
    }

    @Test
    void historyIsBounded() throws Exception {
        CrashProcessor processor = processor(Clock.systemUTC());
        JsonNode previous = null;
        for (int i = 0; i < CrashProcessor.MAX_HISTORY + 5; i++) {
            previous = processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, previous));
        }
        assertEquals(CrashProcessor.MAX_HISTORY, previous.get("processor_history").size());
    }

    @Test
    void processingTwiceGivesTheSameCrashApartFromBookkeeping() throws Exception {
        CrashProcessor processor = processor(Clock.systemUTC());
        ObjectNode first = processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, null));
        ObjectNode second = processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, first));
        for (String bookkeeping : List.of("started_datetime", "completed_datetime", "processor_history")) {
            first.remove(bookkeeping);
            second.remove(bookkeeping);
        }
        assertEquals(first, second);
    }

    @Test
    void regenerateSignatureRunsOnlyTheSignatureOverTheStoredCrash() throws Exception {
        CrashProcessor processor = processor(Clock.systemUTC());
        ObjectNode first = processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, null));
        assertEquals(1, walks.get());
        signature = "new_signature";
        assertFalse(processor.needsDumps(RuleSets.REGENERATE_SIGNATURE, first));
        ObjectNode again = processor.process(new CrashProcessor.Input(ID, RuleSets.REGENERATE_SIGNATURE, raw(),
                Map.of(), first));
        assertEquals(1, walks.get(), "no stack walk");
        assertEquals(2, signatures.get());
        assertEquals("new_signature", again.get("signature").asText());
        assertEquals(first.get("json_dump"), again.get("json_dump"));
        assertEquals(first.get("os_name"), again.get("os_name"));
        assertEquals("crash_here | caller", again.at("/processor_history/0/signature").asText());
        assertNotEquals(first.get("signature"), again.get("signature"));
    }

    @Test
    void regenerateSignatureWithoutStoredCrashFallsBackToDefault() throws Exception {
        CrashProcessor processor = processor(Clock.systemUTC());
        assertTrue(processor.needsDumps(RuleSets.REGENERATE_SIGNATURE, null));
        ObjectNode p = processor.process(new CrashProcessor.Input(ID, RuleSets.REGENERATE_SIGNATURE, raw(), DUMPS, null));
        assertEquals(1, walks.get());
        assertTrue(p.get("processor_notes").asText().contains("not applicable"));
    }

    @Test
    void unknownRulesetFallsBackToDefault() {
        CrashProcessor processor = processor(Clock.systemUTC());
        assertEquals(RuleSets.DEFAULT, processor.effectiveRuleset("nope", null));
        assertEquals(RuleSets.DEFAULT, processor.effectiveRuleset(null, null));
    }

    @Test
    void interruptionStopsProcessing() {
        CrashProcessor processor = processor(Clock.systemUTC());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class,
                () -> processor.process(new CrashProcessor.Input(ID, "default", raw(), DUMPS, null)));
        assertFalse(Thread.interrupted());
    }

    @Test
    void ruleSetsAreDeclaredInOnePlace() {
        Map<String, RuleSet> sets = RuleSets.create(walker, computer);
        assertEquals(RuleSets.NAMES, sets.keySet());
        List<String> regenerate = sets.get(RuleSets.REGENERATE_SIGNATURE).ruleNames();
        assertEquals("SignatureRule", regenerate.get(regenerate.size() - 1));
        assertFalse(regenerate.contains("MinidumpStackwalkRule"));
        List<String> def = sets.get(RuleSets.DEFAULT).ruleNames();
        assertEquals("DeNullRule", def.get(0));
        assertTrue(def.indexOf("MinidumpStackwalkRule") < def.indexOf("CrashingThreadInfoRule"));
        assertEquals("SignatureRule", def.get(def.size() - 1));
    }
}
