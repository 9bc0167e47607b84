package io.breakwater.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.processor.DumpWalker;
import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.SignatureComputer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpRulesTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A walk in the walker's JSON shape: thread 1 crashed in libapp.so, inlined code on top. */
    static final String WALK = """
            {
              "status": "OK",
              "system_info": {"os": "Linux", "os_ver": "0.0.0 Linux 6.1.0 #1 SMP x86_64", "cpu_arch": "amd64",
                              "cpu_info": "family 6 model 142 stepping 10", "cpu_count": 8},
              "lsb_release": {"id": "Debian", "release": "12", "codename": "bookworm",
                              "description": "Debian GNU/Linux 12 (bookworm)"},
              "crash_info": {"type": "SIGSEGV /SEGV_MAPERR", "address": "0x0000000000000010", "crashing_thread": 1},
              "crashing_thread": {"threads_index": 1, "thread_name": "worker", "frames": []},
              "thread_count": 2,
              "threads": [
                {"thread_name": "main", "frames": [{"frame": 0, "module": "libc.so.6", "function": "read", "file": "read.c"}]},
                {"thread_name": "worker", "frames": [
                  {"frame": 0, "module": "libapp.so", "function": "store", "offset": "0x1000",
                   "inlines": [{"function": "inner", "file": "/src/inner.h", "line": 3}], "file": "/src/app.cc", "line": 10},
                  {"frame": 1, "module": "libapp.so", "function": "caller", "file": "/src/app.cc", "line": 20},
                  {"frame": 2, "module": "libc.so.6", "function": "start_thread"},
                  {"frame": 3, "offset": "0x12345"}
                ]}
              ],
              "modules": [
                {"filename": "libapp.so", "debug_file": "libapp.so", "debug_id": "ABCDEF0123456789ABCDEF01234567890",
                 "code_id": "0123456789abcdef", "version": "", "missing_symbols": false},
                {"filename": "libc.so.6", "debug_file": "libc.so.6", "debug_id": "11112222333344445555666677778888F",
                 "code_id": "aa", "version": "", "missing_symbols": true},
                {"filename": "libunused.so", "debug_file": "libunused.so", "debug_id": "22222222222222222222222222222222 0",
                 "version": "1.2", "missing_symbols": true}
              ]
            }
            """;

    static ProcessingContext withWalk(String json) throws Exception {
        ProcessingContext ctx = ProcessingContext.of(new LinkedHashMap<>());
        ctx.processed().set("json_dump", MAPPER.readTree(json));
        return ctx;
    }

    @Test
    void mainAndAdditionalDumpsAreWalkedOthersSkipped() throws Exception {
        Map<String, Path> dumps = new LinkedHashMap<>();
        dumps.put("upload_file_minidump", Path.of("main.dmp"));
        dumps.put("upload_file_minidump_browser", Path.of("browser.dmp"));
        dumps.put("memory_report", Path.of("memory.json.gz"));
        List<Path> walked = new java.util.ArrayList<>();
        DumpWalker walker = dump -> {
            walked.add(dump);
            return MAPPER.createObjectNode().put("status", "OK").put("which", dump.toString());
        };
        ProcessingContext ctx = new ProcessingContext("id", "default", new LinkedHashMap<>(), dumps, null, Instant.now());
        new MinidumpStackwalkRule(walker).action(ctx);
        assertEquals(List.of(Path.of("main.dmp"), Path.of("browser.dmp")), walked);
        assertEquals("main.dmp", ctx.processed().at("/json_dump/which").asText());
        assertEquals("[\"upload_file_minidump_browser\"]", ctx.processed().get("additional_minidumps").toString());
        assertEquals("browser.dmp", ctx.processed().at("/upload_file_minidump_browser/json_dump/which").asText());
        assertFalse(ctx.failed());
    }

    @Test
    void unreadableMainDumpFailsTheCrashButKeepsGoing() throws Exception {
        DumpWalker walker = dump -> { throw new IllegalArgumentException("not a minidump: bad signature"); };
        ProcessingContext ctx = new ProcessingContext("id", "default", new LinkedHashMap<>(),
                Map.of("upload_file_minidump", Path.of("x")), null, Instant.now());
        new MinidumpStackwalkRule(walker).action(ctx);
        assertTrue(ctx.failed());
        assertTrue(ctx.processed().get("json_dump").isObject());
        assertTrue(ctx.notes().get(0).contains("not a minidump: bad signature"), ctx.notes().toString());
    }

    @Test
    void unreadableAdditionalDumpIsOnlyNoted() throws Exception {
        DumpWalker walker = dump -> {
            if (dump.toString().equals("extra")) throw new IllegalStateException("truncated");
            return MAPPER.createObjectNode().put("status", "OK");
        };
        Map<String, Path> dumps = new LinkedHashMap<>();
        dumps.put("upload_file_minidump", Path.of("main"));
        dumps.put("upload_file_minidump_content", Path.of("extra"));
        ProcessingContext ctx = new ProcessingContext("id", "default", new LinkedHashMap<>(), dumps, null, Instant.now());
        new MinidumpStackwalkRule(walker).action(ctx);
        assertFalse(ctx.failed());
        assertEquals(1, ctx.notes().size());
    }

    @Test
    void nonOkStatusFails() throws Exception {
        DumpWalker walker = dump -> MAPPER.createObjectNode().put("status", "ERROR_NO_THREAD_LIST");
        ProcessingContext ctx = new ProcessingContext("id", "default", new LinkedHashMap<>(),
                Map.of("upload_file_minidump", Path.of("x")), null, Instant.now());
        new MinidumpStackwalkRule(walker).action(ctx);
        assertTrue(ctx.failed());
    }

    @Test
    void noDumpIsNotedNotFailed() throws Exception {
        ProcessingContext ctx = ProcessingContext.of(new LinkedHashMap<>());
        new MinidumpStackwalkRule(dump -> { throw new AssertionError("no dump to walk"); }).action(ctx);
        assertFalse(ctx.failed());
        assertFalse(ctx.processed().has("json_dump"));
        assertEquals(1, ctx.notes().size());
    }

    @Test
    void fromCrashInfo() throws Exception {
        ProcessingContext ctx = withWalk(WALK);
        new CrashingThreadInfoRule().action(ctx);
        assertEquals(1, ctx.processed().get("crashing_thread").asInt());
        assertEquals("worker", ctx.processed().get("crashing_thread_name").asText());
        assertEquals("SIGSEGV /SEGV_MAPERR", ctx.processed().get("reason").asText());
        assertEquals("0x0000000000000010", ctx.processed().get("address").asText());
    }

    @Test
    void nullPointerAdjustedAddress() throws Exception {
        ProcessingContext ctx = withWalk("""
                {"crash_info": {"type": "EXCEPTION_ACCESS_VIOLATION_READ", "address": "0x0000000000000010",
                  "adjusted_address": {"kind": "null-pointer", "offset": "0x10"}}}""");
        new CrashingThreadInfoRule().action(ctx);
        assertEquals("0x0000000000000000", ctx.processed().get("address").asText());
        assertTrue(ctx.processed().get("crashing_thread").isNull());
        assertTrue(ctx.notes().get(0).contains("crashing thread"));
    }

    @Test
    void threadNameFromThreadsWhenCrashingThreadLacksIt() throws Exception {
        ProcessingContext ctx = withWalk("""
                {"crash_info": {"crashing_thread": 0}, "threads": [{"thread_name": "gpu"}]}""");
        new CrashingThreadInfoRule().action(ctx);
        assertEquals("gpu", ctx.processed().get("crashing_thread_name").asText());
    }

    static ObjectNode thread(int frames) {
        ObjectNode thread = MAPPER.createObjectNode();
        ArrayNode array = thread.putArray("frames");
        for (int i = 0; i < frames; i++) array.addObject().put("frame", i);
        return thread;
    }

    @Test
    void keepsTopAndBottomOfLongStacks() throws Exception {
        ProcessingContext ctx = ProcessingContext.of(new LinkedHashMap<>());
        ObjectNode dump = ctx.processed().putObject("json_dump");
        dump.putArray("threads").add(thread(2049)).add(thread(500));
        dump.set("crashing_thread", thread(2049));
        ctx.processed().putObject("upload_file_minidump_browser").putObject("json_dump").putArray("threads").add(thread(501));
        new TruncateStacksRule().action(ctx);

        JsonNode frames = ctx.processed().at("/json_dump/threads/0/frames");
        assertEquals(500, frames.size());
        assertEquals(0, frames.get(0).get("frame").asInt());
        assertEquals(249, frames.get(249).get("frame").asInt());
        assertEquals(2049 - 250, frames.get(250).get("frame").asInt());
        assertEquals(2048, frames.get(499).get("frame").asInt());
        assertTrue(ctx.processed().at("/json_dump/threads/0/truncated").asBoolean());
        assertEquals(1549, ctx.processed().at("/json_dump/threads/0/truncated_frames").asInt());
        assertEquals(500, ctx.processed().at("/json_dump/threads/1/frames").size());
        assertFalse(ctx.processed().at("/json_dump/threads/1").has("truncated"));
        assertEquals(500, ctx.processed().at("/json_dump/crashing_thread/frames").size());
        assertEquals(500, ctx.processed().at("/upload_file_minidump_browser/json_dump/threads/0/frames").size());
        assertEquals(3, ctx.notes().size());
    }

    @Test
    void fromSystemInfo() throws Exception {
        ProcessingContext ctx = withWalk(WALK);
        new CpuInfoRule().action(ctx);
        new OsInfoRule().action(ctx);
        new OsPrettyVersionRule().action(ctx);
        assertEquals("amd64", ctx.processed().get("cpu_arch").asText());
        assertEquals("family 6 model 142 stepping 10", ctx.processed().get("cpu_info").asText());
        assertEquals(8, ctx.processed().get("cpu_count").asInt());
        assertEquals("Linux", ctx.processed().get("os_name").asText());
        assertEquals("0.0.0 Linux 6.1.0 #1 SMP x86_64", ctx.processed().get("os_version").asText());
        assertEquals("Debian GNU/Linux 12 (bookworm)", ctx.processed().get("os_pretty_version").asText());
    }

    @Test
    void noDumpGivesUnknowns() throws Exception {
        ProcessingContext ctx = ProcessingContext.of(new LinkedHashMap<>(Map.of("Android_CPU_ABI", "arm64-v8a")));
        new CpuInfoRule().action(ctx);
        new OsInfoRule().action(ctx);
        assertEquals("arm64", ctx.processed().get("cpu_arch").asText());
        assertEquals("unknown", ctx.processed().get("cpu_info").asText());
        assertEquals(0, ctx.processed().get("cpu_count").asInt());
        assertEquals("Unknown", ctx.processed().get("os_name").asText());
    }

    String pretty(String os, String version) throws Exception {
        ProcessingContext ctx = ProcessingContext.of(new LinkedHashMap<>());
        ctx.processed().put("os_name", os).put("os_version", version);
        new OsPrettyVersionRule().action(ctx);
        return ctx.processed().get("os_pretty_version").asText();
    }

    @Test
    void prettyNames() throws Exception {
        assertEquals("Windows 7", pretty("Windows NT", "6.1.7601 Service Pack 1"));
        assertEquals("Windows 10", pretty("Windows NT", "10.0.19045"));
        assertEquals("Windows 11", pretty("Windows NT", "10.0.22631"));
        assertEquals("Windows Unknown", pretty("Windows NT", "11.5.1"));
        assertEquals("macOS 14", pretty("Mac OS X", "14.2.1 23C71"));
        assertEquals("OS X 10.11", pretty("Mac OS X", "10.11.6 15G31"));
        assertEquals("macOS 10.15", pretty("Mac OS X", "10.15.7 19H2"));
        assertEquals("Linux", pretty("Linux", "0.0.0 Linux 6.1.0"));
        assertEquals("Android 14", pretty("Android", "14"));
        assertEquals("Windows NT", pretty("Windows NT", ""));
    }

    @Test
    void topmostFilePrefersInlines() throws Exception {
        ProcessingContext ctx = withWalk(WALK);
        new TopMostFilesRule().action(ctx);
        assertEquals("/src/inner.h", ctx.processed().get("topmost_filenames").asText());
    }

    @Test
    void topmostFileSkipsFramesWithoutFiles() throws Exception {
        ProcessingContext ctx = withWalk("""
                {"crash_info": {"crashing_thread": 0}, "threads": [{"frames": [{"module": "a"}, {"file": "b.c"}]}]}""");
        new TopMostFilesRule().action(ctx);
        assertEquals("b.c", ctx.processed().get("topmost_filenames").asText());
    }

    @Test
    void modulesInStackOnlyCrashingThread() throws Exception {
        ProcessingContext ctx = withWalk(WALK);
        new ModulesInStackRule().action(ctx);
        assertEquals("libapp.so/ABCDEF0123456789ABCDEF01234567890;libc.so.6/11112222333344445555666677778888F",
                ctx.processed().get("modules_in_stack").asText());
    }

    @Test
    void missingSymbolsAllModulesWithoutSymbols() throws Exception {
        ProcessingContext ctx = withWalk(WALK);
        new MissingSymbolsRule().action(ctx);
        assertEquals("libc.so.6//11112222333344445555666677778888F/aa;libunused.so/1.2/222222222222222222222222222222220",
                ctx.processed().get("missing_symbols").asText());
    }

    @Test
    void threadCount() throws Exception {
        ProcessingContext ctx = withWalk(WALK);
        new ThreadCountRule().action(ctx);
        assertEquals(2, ctx.processed().get("thread_count").asInt());
        ProcessingContext noCount = withWalk("{\"threads\": [{}, {}, {}]}");
        new ThreadCountRule().action(noCount);
        assertEquals(3, noCount.processed().get("thread_count").asInt());
    }

    @Test
    void storesSignatureFieldsAndNotes() throws Exception {
        ProcessingContext ctx = withWalk(WALK);
        ctx.rawCrash().put("ProductName", "App");
        SignatureComputer computer = (raw, processed) -> new SignatureComputer.Result(
                "store | caller", "store | caller | start_thread", List.of("note from generator"),
                List.of("frame 0: store", "frame 1: caller"));
        new SignatureRule(computer).action(ctx);
        assertEquals("store | caller", ctx.processed().get("signature").asText());
        assertEquals("store | caller | start_thread", ctx.processed().get("proto_signature").asText());
        assertEquals("frame 0: store\nframe 1: caller", ctx.processed().get("signature_debug").asText());
        assertEquals(List.of("note from generator"), ctx.notes());
    }
}
