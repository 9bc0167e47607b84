package io.breakwater.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** json_dump and CrashSignature-job conversion, on rust-minidump's expected stack walker outputs. */
class CrashDataJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTPUTS = "rust-minidump/expected/minidump-stackwalk/outputs/";

    private final SignatureGenerator generator = new SignatureGenerator(SignatureLists.defaults());

    private static JsonNode corpusJson(String name) throws IOException {
        return JSON.readTree(TestCrashes.corpus(OUTPUTS + name).toFile());
    }

    @Test
    void macOsDumpWithInlinesCountsInlineFramesInnermostFirst() throws IOException {
        CrashData crash = CrashDataJson.fromJsonDump(corpusJson("macos_inlines_json_pretty.json"), Map.of());
        assertEquals("Mac OS X", crash.os());
        assertEquals(0, crash.crashingThread());
        assertEquals("EXC_BAD_ACCESS / KERN_INVALID_ADDRESS", crash.reason());
        assertEquals("OK", crash.stackwalkerStatus());
        Frame top = crash.threads().get(0).frames().get(0);
        assertEquals("sadness_generator::raise_segfault", top.function());
        assertEquals(List.of("core::ptr::write_volatile::<u8>"), top.inlines().stream().map(InlineFrame::function).toList());
        assertEquals(1574, top.inlines().get(0).line());
        assertEquals("0x0000000000014cd4", top.moduleOffset());

        SignatureResult result = generator.generate(crash);
        assertEquals(List.of("core::ptr::write_volatile::<T>", "sadness_generator::raise_segfault",
                "crash_client::real_main::{closure#1}", "crash_client::real_main", "crash_client::main"),
                result.normalizedFrames().subList(0, 5));
        // The inlined volatile write is a prefix: the function doing it is the signature.
        assertEquals("core::ptr::write_volatile::<T> | sadness_generator::raise_segfault", result.signature());
        assertTrue(result.normalizedFrames().size() <= StackSignatureTool.MAXIMUM_FRAMES_TO_CONSIDER);
    }

    @Test
    void windowsDumpWithSymbols() throws IOException {
        CrashData crash = CrashDataJson.fromJsonDump(corpusJson("json-pretty-symbols.json"), Map.of("ProductName", "TestApp"));
        assertEquals("Windows NT", crash.os());
        assertEquals("EXCEPTION_ACCESS_VIOLATION_WRITE", crash.reason());
        assertEquals("TestApp", crash.annotation("ProductName"));
        SignatureResult result = generator.generate(crash);
        assertEquals("(anonymous namespace)::CrashFunction", result.signature());
        assertTrue(result.protoSignature().startsWith("(anonymous namespace)::CrashFunction | main | __tmainCRTStartup | kernel32.dll"),
                result.protoSignature());
    }

    @Test
    void unsymbolicatedDumpsGiveTheModule() throws IOException {
        SignatureResult windows = generator.generate(CrashDataJson.fromJsonDump(corpusJson("json-pretty.json"), Map.of()));
        assertEquals("test_app.exe", windows.signature());
        SignatureResult linux = generator.generate(CrashDataJson.fromJsonDump(corpusJson("linux_json_pretty.json"), Map.of()));
        assertEquals("crash", linux.signature());
    }

    @Test
    void annotationsOverrideDerivedFields() throws IOException {
        CrashData crash = CrashDataJson.fromJsonDump(corpusJson("linux_json_pretty.json"),
                Map.of("reason", "custom", "AbortMessage", "boom"));
        assertEquals("custom", crash.reason());
        assertEquals("Abort | boom | crash", generator.generate(crash).signature());
    }

    @Test
    void lenientJsonDumpReadsWrongTypesAsAbsent() throws IOException {
        JsonNode dump = JSON.readTree("""
                {"system_info": {"os": ["not", "text"]},
                 "crash_info": {"crashing_thread": "x", "type": "SIGSEGV"},
                 "threads": [{"frames": [{"function": {"bad": 1}, "module": "app", "module_offset": "0x10"},
                                         "not a frame", null, {"function": "ok", "line": "12"}]}]}""");
        CrashData crash = CrashDataJson.fromJsonDump(dump, null);
        assertNull(crash.os());
        assertNull(crash.crashingThread());
        assertEquals(2, crash.threads().get(0).frames().size());
        assertEquals(12, crash.threads().get(0).frames().get(1).line());
        assertEquals("app", generator.generate(crash).signature());
        assertEquals(0, CrashDataJson.fromJsonDump(null, Map.of()).threads().size());
    }

    @Test
    void signatureJobWithAnnotations() throws IOException {
        JsonNode job = JSON.readTree("""
                {"os": "Windows NT", "crashing_thread": "0",
                 "threads": [{"frames": [{"module": "KERNELBASE.dll", "module_offset": 1193718},
                                         {"function": "Config::Load", "module": "app.exe", "line": 12,
                                          "inlines": [{"function": "ReadFile", "file": "c:\\\\src\\\\io.h", "line": 3}],
                                          "unloaded_modules": [{"module": "old.dll", "offsets": ["0x1"]}]}],
                              "last_error_value": "ERROR_NOT_ENOUGH_MEMORY"}],
                 "oom_allocation_size": 17000000, "additional_minidumps": ["upload_file_minidump_browser"],
                 "JavaException": {"nested": true}}""");
        CrashData crash = CrashDataJson.fromSignatureJob(job, "jobs[0]");
        assertEquals(0, crash.crashingThread());
        assertEquals("0x1236f6", crash.threads().get(0).frames().get(0).moduleOffset());
        assertEquals("17000000", crash.oomAllocationSize());
        assertEquals("upload_file_minidump_browser", crash.additionalMinidumps());
        assertEquals("{\"nested\":true}", crash.annotation("JavaException"));
        assertEquals("ERROR_NOT_ENOUGH_MEMORY", crash.threads().get(0).lastErrorValue());
        assertEquals("ReadFile", crash.threads().get(0).frames().get(1).inlines().get(0).function());
        assertEquals("old.dll", crash.threads().get(0).frames().get(1).unloadedModules().get(0).module());
        assertEquals("OOM | large | ReadFile", generator.generate(crash).signature());
    }

    @Test
    void signatureJobShapeErrorsNameThePath() throws IOException {
        assertError("jobs[0]: a job must be a JSON object", "[1]");
        assertError("jobs[0].threads: expected an array of threads", "{\"threads\": {}}");
        assertError("jobs[0].threads[1]: expected a thread object", "{\"threads\": [{}, 5]}");
        assertError("jobs[0].threads[0].frames: expected an array of frames", "{\"threads\": [{\"frames\": \"x\"}]}");
        assertError("jobs[0].threads[0].frames[0]: expected a frame object", "{\"threads\": [{\"frames\": [[1]]}]}");
        assertError("jobs[0].threads[0].frames[0].line: expected an integer", "{\"threads\": [{\"frames\": [{\"line\": \"twelve\"}]}]}");
        assertError("jobs[0].threads[0].frames[0].function: expected a string", "{\"threads\": [{\"frames\": [{\"function\": {}}]}]}");
        assertError("jobs[0].threads[0].frames[0].offset: expected a hex string such as \"0x1a2b\"", "{\"threads\": [{\"frames\": [{\"offset\": -1}]}]}");
        assertError("jobs[0].crashing_thread: expected an integer", "{\"crashing_thread\": [0]}");
        assertError("jobs[0].threads[0].frames[0].inlines[0]: expected an inline frame object", "{\"threads\": [{\"frames\": [{\"inlines\": [1]}]}]}");
    }

    @Test
    void minimalJobs() throws IOException {
        CrashData empty = CrashDataJson.fromSignatureJob(JSON.readTree("{}"), "jobs[0]");
        assertEquals("EMPTY: no frame data available", generator.generate(empty).signature());
        CrashData java = CrashDataJson.fromSignatureJob(JSON.readTree(
                "{\"java_stack_trace\": \"java.lang.NullPointerException: boom\\n\\tat com.example.App.run(App.java:12)\"}"), "jobs[0]");
        assertEquals("java.lang.NullPointerException: boom at com.example.App.run(App.java)", generator.generate(java).signature());
    }

    private static void assertError(String message, String json) throws IOException {
        JsonNode job = JSON.readTree(json);
        InvalidCrashDataException e = assertThrows(InvalidCrashDataException.class, () -> CrashDataJson.fromSignatureJob(job, "jobs[0]"));
        assertEquals(message, e.getMessage());
    }
}
