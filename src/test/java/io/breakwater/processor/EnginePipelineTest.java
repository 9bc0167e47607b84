package io.breakwater.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureLists;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The default rule set with the real engines (stack walker, symbols, signature generator with the shipped
 * lists) over the generated corpus, without any service: what the processor stores for each dump.
 */
class EnginePipelineTest {

    static final Path CORPUS = GeneratedCorpus.DIR;
    static CrashProcessor processor;

    @BeforeAll
    static void engines() {
        assumeTrue(Files.isDirectory(CORPUS), "corpus not found at " + CORPUS.toAbsolutePath());
        var symbols = new CachingSymbolSupplier(new DirectorySymbolSupplier(CORPUS.resolve("symbols")),
                256L << 20, Duration.ofMinutes(5));
        processor = new CrashProcessor(RuleSets.create(new EngineDumpWalker(symbols),
                new EngineSignatures(new SignatureGenerator(SignatureLists.defaults()))), Clock.systemUTC());
    }

    static ObjectNode process(String dir) throws Exception {
        String id = "de1bb258-cbbf-4589-a673-34f800160918";
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("uuid", id);
        raw.put("submitted_timestamp", Instant.now().toString());
        raw.put("prod", "crashgen");
        raw.put("ver", "1.0");
        return processor.process(new CrashProcessor.Input(id, null, raw,
                Map.of(ProcessingContext.MAIN_DUMP, CORPUS.resolve(dir).resolve("crash.dmp")), null));
    }

    static java.util.stream.Stream<Arguments> dumps() {
        return GeneratedCorpus.DUMPS.entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue().signature(), e.getValue().reasonPrefix()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dumps")
    void processedCrashFromTheRealEngines(String dir, String signature, String reasonPrefix) throws Exception {
        ObjectNode p = process(dir);
        String notes = p.path("processor_notes").asText();
        assertTrue(p.get("success").asBoolean(), notes);
        assertEquals(signature, p.get("signature").asText(), () -> p.path("signature_debug").asText());
        assertTrue(p.get("reason").asText().startsWith(reasonPrefix), p.get("reason").asText());
        assertEquals("Linux", p.get("os_name").asText());
        assertEquals("amd64", p.get("cpu_arch").asText());
        assertEquals("crashgen", p.get("product").asText());

        JsonNode frames = p.at("/json_dump/threads/" + p.get("crashing_thread").asInt() + "/frames");
        assertTrue(frames.size() > 0);
        boolean symbolicatedWithLine = false;
        for (JsonNode frame : frames) {
            if (!frame.path("file").asText("").isEmpty() && frame.path("line").asInt(0) > 0
                    && !frame.path("function").asText("").isEmpty()) {
                symbolicatedWithLine = true;
            }
        }
        assertTrue(symbolicatedWithLine, "crashing thread has symbolicated frames with file and line");
        assertTrue(p.at("/json_dump/modules").size() > 3);
        assertTrue(p.get("modules_in_stack").asText().contains("crashgen/"), p.get("modules_in_stack").asText());
        assertFalse(p.get("topmost_filenames").asText("").isEmpty());
        assertTrue(p.get("thread_count").asInt() >= 5);
        assertFalse(p.path("missing_symbols").asText("").contains("crashgen/"), "crashgen has symbols");
    }

    @ParameterizedTest
    @CsvSource({"stackoverflow-deep", "dwarf4/stackoverflow-deep"})
    void deepRecursionIsTruncatedToTopAndBottom(String dir) throws Exception {
        ObjectNode p = process(dir);
        JsonNode thread = p.at("/json_dump/threads/" + p.get("crashing_thread").asInt());
        assertEquals(500, thread.get("frames").size());
        assertTrue(thread.get("truncated").asBoolean());
        assertEquals(0, thread.at("/frames/0/frame").asInt(-1));
        assertTrue(p.get("processor_notes").asText().contains("truncated json_dump.threads["));
    }
}
