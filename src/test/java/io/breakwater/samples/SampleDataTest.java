package io.breakwater.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.processor.CrashProcessor;
import io.breakwater.processor.EngineDumpWalker;
import io.breakwater.processor.EngineSignatures;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.RuleSets;
import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureLists;
import io.breakwater.symbols.CachingSymbolSupplier;
import io.breakwater.symbols.DirectorySymbolSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample crash shipped in {@code samples/}: made by the project, and meaningful through the real engines. */
class SampleDataTest {

    @Test
    void committedDumpIsWhatTheGeneratorBuilds() throws Exception {
        assertArrayEquals(SampleCrash.build(), Files.readAllBytes(SampleCrash.DUMP),
                "samples/crash.dmp differs from SampleCrash.build(): run SampleCrash.main and commit the file");
    }

    @Test
    void sampleWalksToThreeSymbolicatedFramesAndItsSignature(@TempDir Path symbols) throws Exception {
        // The symbol-server layout, from the .sym file's MODULE line: <debug_file>/<debug_id>/<name>.sym
        String[] module = Files.readAllLines(SampleCrash.SYMBOLS).get(0).split(" ");
        Path file = symbols.resolve(module[4]).resolve(module[3]).resolve(module[4] + ".sym");
        Files.createDirectories(file.getParent());
        Files.copy(SampleCrash.SYMBOLS, file);
        var supplier = new CachingSymbolSupplier(new DirectorySymbolSupplier(symbols), 16L << 20, Duration.ofMinutes(1));
        CrashProcessor processor = new CrashProcessor(RuleSets.create(new EngineDumpWalker(supplier),
                new EngineSignatures(new SignatureGenerator(SignatureLists.defaults()))), Clock.systemUTC());
        String id = "5a3b1e0c-7d2f-4a6b-8c9d-0e1f20251203";
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("uuid", id);
        raw.put("submitted_timestamp", "2025-12-03T00:00:00+00:00");
        raw.put("ProductName", "SampleApp");
        raw.put("Version", "1.0");

        ObjectNode p = processor.process(new CrashProcessor.Input(id, null, raw,
                Map.of(ProcessingContext.MAIN_DUMP, SampleCrash.DUMP), null));

        assertTrue(p.get("success").asBoolean(), p.path("processor_notes").asText());
        assertEquals(SampleCrash.SIGNATURE, p.get("signature").asText(), p.path("signature_debug").asText());
        assertTrue(p.get("reason").asText().startsWith("SIGSEGV"), p.get("reason").asText());
        assertEquals("Linux", p.get("os_name").asText());
        assertEquals("amd64", p.get("cpu_arch").asText());
        JsonNode frames = p.at("/json_dump/threads/" + p.get("crashing_thread").asInt() + "/frames");
        List<String> named = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (frame.path("module").asText().equals("sample_app")) {
                named.add(frame.path("function").asText() + ":" + frame.path("line").asInt());
            }
        }
        assertEquals(List.of("sample_write_null:12", "sample_process_request:18", "main:24"), named,
                frames.toString());
        assertEquals("sample_app/sample.c", frames.get(0).path("file").asText());
        assertEquals("cfi", frames.get(1).path("trust").asText(), frames.get(1).toString());
        assertEquals("cfi", frames.get(2).path("trust").asText(), frames.get(2).toString());
    }
}
