package io.breakwater.symbolstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.queue.CrashQueue;
import io.breakwater.queue.QueueState;
import io.breakwater.storage.CrashStorage;
import io.breakwater.testsupport.Corpus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.breakwater.symbolstore.SymbolTestFiles.corpusSymbols;
import static io.breakwater.symbolstore.SymbolTestFiles.zip;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end with the processor and symbols from the bucket only (no symbol directories): a crash
 * processed while its executable's symbols were deleted has unsymbolicated frames; after the symbols are
 * uploaded again and the crash reprocessed, the same frames have function, file and line. Skipped when
 * the processor is not part of the build.
 */
@QuarkusTest
@TestProfile(LateSymbolsEndToEndTest.Profile.class)
class LateSymbolsEndToEndTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("breakwater.processor.enabled", "true", "breakwater.symbols.dirs", "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_NANOS = 180_000_000_000L;

    @Inject
    CrashStorage storage;

    @Inject
    CrashQueue queue;

    private static boolean processorPresent() {
        try {
            Class.forName("io.breakwater.processor.CrashWorkflow");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void lateSymbolsTurnUnsymbolicatedFramesIntoSymbolicatedOnesOnReprocessing() throws Exception {
        assumeTrue(processorPresent(), "the processor is not part of this build");
        Path dumpDir = Corpus.root().resolve("generated").resolve("segv");
        Path dump = Corpus.file("generated/segv/crash.dmp");
        String crashgenId = moduleId(dumpDir, "crashgen");
        SymbolKey crashgen = new SymbolKey("crashgen", crashgenId);

        Map<String, byte[]> all = new LinkedHashMap<>();
        corpusSymbols().forEach(s -> all.put(s.entryName(), s.bytes()));
        assertTrue(all.containsKey(crashgen.objectKey()), "corpus has the executable's symbols");
        SymbolUploads.upload(zip(all));
        SymbolUploads.uploader().when().delete("/symbols/" + crashgen.objectKey()).then().statusCode(204);

        String body = given().multiPart("ProductName", "crashgen").multiPart("Version", "1.0.3")
                .multiPart("upload_file_minidump", dump.toFile(), "application/octet-stream")
                .post("/submit").then().statusCode(200).extract().asString().strip();
        assertTrue(body.startsWith("CrashID=bp-"), body);
        String crashId = body.substring("CrashID=bp-".length());

        JsonNode before = await(() -> settled(crashId), "processing of " + crashId);
        List<JsonNode> unsymbolicated = crashgenFrames(before);
        assertFalse(unsymbolicated.isEmpty(), "the crashing thread runs through crashgen");
        for (JsonNode frame : unsymbolicated) {
            assertTrue(frame.path("function").isNull() || frame.path("function").isMissingNode(), frame.toString());
        }
        assertTrue(before.path("missing_symbols").asText("").contains(crashgenId), before.path("missing_symbols").toString());

        int queuedByUpload = SymbolUploads.upload(zip(crashgen.objectKey(), all.get(crashgen.objectKey())))
                .extract().jsonPath().getInt("reprocessing_queued");
        // The processor recorded the crash as missing crashgen's symbols, so the upload itself queues it.
        assertEquals(1, queuedByUpload, "crashes queued for reprocessing by the upload");
        int historyBefore = before.path("processor_history").size();
        JsonNode after = await(() -> {
            JsonNode p = settled(crashId);
            return p != null && p.path("processor_history").size() > historyBefore ? p : null;
        }, "reprocessing of " + crashId);
        // Without CFI the walk below the crashing frame may differ; the crashing frame itself is the same.
        JsonNode crashedBefore = unsymbolicated.get(0);
        JsonNode crashedAfter = crashgenFrames(after).get(0);
        assertEquals(crashedBefore.path("module_offset"), crashedAfter.path("module_offset"));
        assertFalse(crashedAfter.path("function").asText("").isEmpty(), crashedAfter.toString());
        assertFalse(crashedAfter.path("file").asText("").isEmpty(), crashedAfter.toString());
        assertTrue(crashedAfter.path("line").asInt(0) > 0, crashedAfter.toString());
        assertFalse(after.path("missing_symbols").asText("").contains(crashgenId));
    }

    private static String moduleId(Path dumpDir, String debugFile) throws IOException {
        for (String line : Files.readAllLines(dumpDir.resolve("stackwalk-m.txt"))) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("Module") && f.length > 4 && f[3].equals(debugFile)) {
                return f[4];
            }
        }
        throw new IllegalStateException("no module " + debugFile + " in " + dumpDir);
    }

    private static List<JsonNode> crashgenFrames(JsonNode processed) {
        int thread = processed.path("crashing_thread").asInt(-1);
        assertTrue(thread >= 0, "crashing thread known: " + processed.path("processor_notes"));
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode frame : processed.at("/json_dump/threads/" + thread + "/frames")) {
            if ("crashgen".equals(frame.path("module").asText(null))) {
                out.add(frame);
            }
        }
        return out;
    }

    /** The processed crash once nothing for it waits in the queue, else null. */
    private JsonNode settled(String crashId) {
        boolean pending = queue.findByCrashId(crashId).stream().anyMatch(i -> i.state() != QueueState.PARKED);
        if (pending) {
            return null;
        }
        return storage.loadProcessedCrashBytes(crashId).map(bytes -> {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(null);
    }

    private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
