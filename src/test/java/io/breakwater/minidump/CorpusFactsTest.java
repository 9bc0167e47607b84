package io.breakwater.minidump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Data-driven checks of the reader against facts other parsers assert about corpus dumps
 * (rust-minidump, Breakpad, electron/node-minidump, symbolic). Each fact file case becomes a test;
 * facts about processing (stack frames, crash reasons) belong to the stack walker and are left out.
 */
class CorpusFactsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicInteger checks = new AtomicInteger();

    private static long num(JsonNode n) {
        if (n.isNumber()) return n.asLong();
        String s = n.asText();
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    private static Minidump open(Path base, String relative) throws MinidumpFormatException {
        return Minidump.open(base.resolve(relative).normalize());
    }

    private void eq(Object expected, Object actual, String what) {
        assertEquals(expected, actual, what);
        checks.incrementAndGet();
    }

    private static DynamicTest test(String name, Executable body) { return DynamicTest.dynamicTest(name, body); }

    @TestFactory
    List<DynamicTest> facts() throws Exception {
        Path root = Corpus.root();
        List<DynamicTest> tests = new ArrayList<>();
        tests.addAll(rustMinidump(root.resolve("rust-minidump/expected-facts")));
        tests.addAll(breakpad(root.resolve("breakpad/expected-facts")));
        tests.addAll(electron(root.resolve("electron-node-minidump")));
        tests.addAll(symbolic(root.resolve("symbolic")));
        tests.add(test("enough facts were checked", () -> assertTrue(checks.get() >= 150, "checked " + checks.get())));
        return tests;
    }

    // ------------------------------------------------------------------ rust-minidump

    private List<DynamicTest> rustMinidump(Path dir) throws Exception {
        JsonNode facts = JSON.readTree(dir.resolve("minidump-parser-facts.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : facts.get("cases")) {
            String stream = c.get("stream").asText();
            JsonNode dump = c.get("dump");
            JsonNode x = c.get("expected");
            String name = "rust-minidump #" + (i++) + " " + stream + " " + dump.asText();
            if (dump.isNull()) {
                tests.add(test(name, () -> assertThrows(MinidumpFormatException.class, () -> Minidump.of(new byte[0]))));
                continue;
            }
            Path file = dir.resolve(dump.asText()).normalize();
            if (!Files.exists(file)) continue; // listed for completeness only (not in the corpus)
            tests.add(test(name, () -> {
                try (Minidump d = Minidump.open(file)) {
                    rustCase(d, stream, x);
                }
            }));
        }
        return tests;
    }

    private void rustCase(Minidump d, String stream, JsonNode x) {
        switch (stream) {
            case "ModuleList" -> {
                List<MinidumpModule> modules = d.modules();
                eq(x.get("module_count").asInt(), modules.size(), "module count");
                eq(x.get("module_at_0x400000_code_file").asText(), d.moduleAt(0x400000).codeFile(), "module at 0x400000");
                for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (!f.getKey().startsWith("modules[")) continue;
                    int index = Integer.parseInt(f.getKey().replaceAll("\\D", ""));
                    MinidumpModule m = modules.get(index);
                    JsonNode e = f.getValue();
                    eq(num(e.get("base")), m.baseAddress(), "base");
                    eq(num(e.get("size")), m.size(), "size");
                    eq(e.get("code_file").asText(), m.codeFile(), "code file");
                    eq(e.get("code_id").asText(), m.codeId(), "code id");
                    eq(e.get("debug_file").asText(), m.debugFile(), "debug file");
                    eq(e.get("debug_id").asText(), m.debugId(), "debug id");
                    eq(e.get("version").isNull() ? null : e.get("version").asText(), m.version(), "version");
                }
                List<String> order = new ArrayList<>();
                x.get("code_files_in_stream_order").forEach(n -> order.add(n.asText()));
                eq(order, modules.stream().map(MinidumpModule::codeFile).toList(), "stream order");
                List<String> byAddress = new ArrayList<>();
                x.get("code_files_by_address").forEach(n -> byAddress.add(n.asText()));
                eq(byAddress, d.modulesByAddress().stream().map(MinidumpModule::codeFile).toList(), "address order");
            }
            case "SystemInfo" -> {
                SystemInfo si = d.systemInfo().orElseThrow();
                if (x.has("os")) eq(true, si.os().startsWith(x.get("os").asText()), "os family " + si.os());
                if (x.has("cpu")) eq(x.get("cpu").asText(), si.cpu().breakpadName(), "cpu");
                if (x.has("cpu_info")) eq(x.get("cpu_info").asText(), si.cpuInfo(), "cpu info");
                if (x.has("csd_version")) eq(x.get("csd_version").asText(), si.csdVersion(), "csd");
                if (x.has("os_version")) eq(x.get("os_version").asText(), si.osRelease(), "os release");
                if (x.has("os_build")) eq(x.get("os_build").asText(), si.osBuild(), "os build");
            }
            case "MiscInfo" -> {
                MiscInfo m = d.miscInfo().orElseThrow();
                eq(x.get("process_id").asLong(), m.processId(), "pid");
                eq(x.get("process_create_time").asLong(), m.processCreateTime(), "create time");
                eq(x.get("process_create_time_iso").asText(),
                        java.time.Instant.ofEpochSecond(m.processCreateTime()).toString(), "create time iso");
            }
            case "BreakpadInfo" -> {
                eq(num(x.get("dump_thread_id")), d.dumpThreadId().getAsLong(), "dump thread");
                eq(num(x.get("requesting_thread_id")), d.requestingThreadId().getAsLong(), "requesting thread");
            }
            case "Exception" -> {
                MinidumpException e = d.exception().orElseThrow();
                eq(num(x.get("thread_id")), e.threadId(), "thread");
                eq(num(x.get("exception_code")), e.code(), "code");
                eq(x.get("context_cpu").asText(), e.context().cpu().breakpadName(), "context cpu");
                eq(num(x.get("context_eip")), e.context().get("eip"), "eip");
                eq(num(x.get("context_esp")), e.context().get("esp"), "esp");
                eq(10, e.context().registers().size(), "all registers valid");
            }
            case "ThreadList" -> {
                List<MinidumpThread> threads = d.threads();
                eq(x.get("thread_count").asInt(), threads.size(), "thread count");
                List<Long> ids = new ArrayList<>();
                x.get("thread_ids").forEach(n -> ids.add(num(n)));
                eq(ids, threads.stream().map(MinidumpThread::threadId).toList(), "thread ids");
                MinidumpThread t0 = threads.get(0);
                eq(num(x.get("thread0_context").get("eip")), t0.context().get("eip"), "eip");
                eq(num(x.get("thread0_context").get("esp")), t0.context().get("esp"), "esp");
                for (Iterator<Map.Entry<String, JsonNode>> it = x.get("thread0_stack_reads").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = it.next();
                    String[] parts = r.getKey().split("@");
                    long address = num(com.fasterxml.jackson.databind.node.TextNode.valueOf(parts[1]));
                    long expected = num(r.getValue());
                    MemoryRegion stack = t0.stack();
                    long actual = switch (parts[0]) {
                        case "u8" -> stack.readU8(address).orElseThrow();
                        case "u16" -> stack.readU16(address).orElseThrow();
                        case "u32" -> stack.readU32(address).orElseThrow();
                        default -> stack.readU64(address).orElseThrow();
                    };
                    eq(expected, actual, r.getKey());
                }
            }
            case "CrashpadInfo (0x43500001)" -> {
                CrashpadInfo c = d.crashpadInfo().orElseThrow();
                eq(x.get("report_id").asText(), c.reportId(), "report id");
                eq(x.get("client_id").asText(), c.clientId(), "client id");
                eq(stringMap(x.get("simple_annotations")), c.simpleAnnotations(), "simple annotations");
                eq(x.get("module_list_len").asInt(), c.modules().size(), "module list length");
                JsonNode m0 = x.get("module_list[0]");
                CrashpadInfo.ModuleInfo m = c.modules().get(0);
                eq(m0.get("module_index").asLong(), m.moduleIndex(), "module index");
                List<String> list = new ArrayList<>();
                m0.get("list_annotations").forEach(n -> list.add(n.asText()));
                eq(list, m.listAnnotations(), "list annotations");
                eq(stringMap(m0.get("simple_annotations")), m.simpleAnnotations(), "module simple annotations");
                eq(m0.get("annotation_objects").size(), m.annotationObjects().size(), "annotation objects");
            }
            case "AssertionInfo (0x47670002)" -> {
                AssertionInfo a = d.assertion().orElseThrow();
                eq(x.get("expression").asText(), a.expression(), "expression");
                eq(x.get("function").asText(), a.function(), "function");
                eq(x.get("file").asText(), a.file(), "file");
                eq(x.get("line").asLong(), a.line(), "line");
                eq(x.get("type").asText(), a.typeName(), "type");
            }
            case "header / LinuxMaps" -> {
                eq(true, d.streams().size() > 0, "header parses");
                eq(List.of(), d.linuxMaps(), "maps");
                eq(true, d.notes().stream().anyMatch(n -> n.contains("LinuxMaps")), "LinuxMaps error noted");
            }
            case "header / MozMacosCrashInfo" -> {
                eq(true, d.streams().size() > 0, "header parses");
                d.macCrashInfo();
                eq(false, d.notes().isEmpty(), "problems noted");
            }
            case "(stackwalk JSON)" -> eq(true, d.miscInfo().isEmpty(), "no process create time available");
            default -> {
                // Chromium stability reports (protobuf) are not decoded: the raw stream must be reachable.
                if (stream.startsWith("ChromiumStabilityReport")) {
                    eq(true, d.streamBytes(StreamEntry.CHROMIUM_STABILITY_REPORT, 1 << 20).isPresent(), "stability stream bytes");
                } else {
                    throw new AssertionError("unhandled fact stream " + stream);
                }
            }
        }
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    // ------------------------------------------------------------------ Breakpad

    private List<DynamicTest> breakpad(Path dir) throws Exception {
        JsonNode facts = JSON.readTree(dir.resolve("breakpad-facts.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : facts.get("processor")) {
            Path file = dir.resolve(c.get("dump").asText()).normalize();
            JsonNode x = c.get("expected");
            tests.add(test("breakpad " + file.getFileName(), () -> {
                try (Minidump d = Minidump.open(file)) {
                    SystemInfo si = d.systemInfo().orElseThrow();
                    if (x.has("os")) eq(x.get("os").asText(), si.os(), "os");
                    if (x.has("os_short")) eq(x.get("os_short").asText(), si.osShort(), "os short");
                    if (x.has("os_version")) eq(x.get("os_version").asText(), si.osVersion(), "os version");
                    if (x.has("cpu")) eq(x.get("cpu").asText(), si.cpu().breakpadName(), "cpu");
                    if (x.has("cpu_info")) eq(x.get("cpu_info").asText(), si.cpuInfo(), "cpu info");
                    if (x.has("crashed")) eq(x.get("crashed").asBoolean(), d.exception().isPresent(), "crashed");
                    if (x.has("thread_count")) {
                        // Breakpad leaves out the thread that wrote the dump.
                        long reported = d.threads().stream().filter(t -> d.dumpThreadId().stream().noneMatch(id -> id == t.threadId())).count();
                        eq(x.get("thread_count").asLong(), reported, "thread count");
                    }
                    if (x.has("crashing_thread_tid")) eq(x.get("crashing_thread_tid").asLong(), d.crashingThreadId().getAsLong(), "crashing thread");
                    if (x.has("time_date_stamp")) eq(x.get("time_date_stamp").asLong(), d.timeDateStamp(), "time stamp");
                    if (x.has("process_create_time")) eq(x.get("process_create_time").asLong(), d.miscInfo().orElseThrow().processCreateTime(), "create time");
                    if (x.has("module_count")) eq(x.get("module_count").asInt(), d.modules().size(), "module count");
                    if (x.has("main_module")) eq(x.get("main_module").asText(), d.mainModule().orElseThrow().codeFile(), "main module");
                    if (x.has("crash_address") && !file.getFileName().toString().contains("non_canonical")) {
                        // Breakpad reports an access violation at its data address (second parameter);
                        // 32-bit dumps may carry garbage in the upper half, which the processor drops.
                        MinidumpException e = d.exception().orElseThrow();
                        long address = e.code() == 0xc0000005L && e.parameters().length >= 2 ? e.parameters()[1] : e.address();
                        if (si.cpu().pointerSize() == 4) address &= 0xffffffffL;
                        eq(num(x.get("crash_address")), address, "crash address");
                    }
                    if (x.has("module_for_address")) {
                        for (Iterator<Map.Entry<String, JsonNode>> it = x.get("module_for_address").fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> e = it.next();
                            MinidumpModule m = d.moduleAt(Long.parseUnsignedLong(e.getKey().substring(2), 16));
                            if (e.getValue().isNull()) {
                                assertNull(m);
                                checks.incrementAndGet();
                            } else if (e.getValue().has("debug_file")) {
                                eq(e.getValue().get("debug_file").asText(), m.debugFile(), e.getKey());
                            } else {
                                eq(e.getValue().get("version").asText(), m.version(), e.getKey());
                            }
                        }
                    }
                }
            }));
        }
        for (JsonNode c : facts.get("crashpad_annotations")) {
            Path file = dir.resolve(c.get("dump").asText()).normalize();
            JsonNode x = c.get("expected");
            tests.add(test("breakpad crashpad annotations " + file.getFileName(), () -> {
                try (Minidump d = Minidump.open(file)) {
                    CrashpadInfo info = d.crashpadInfo().orElse(null);
                    eq(x.get("crashpad_info_present").asBoolean(), info != null, "present");
                    // Breakpad returns one (possibly empty) annotation object list per Crashpad module entry.
                    List<CrashpadInfo.ModuleInfo> withObjects = info.modules();
                    eq(x.get("module_annotation_object_lists").asInt(), withObjects.size(), "annotation object lists");
                    List<String> names = new ArrayList<>();
                    x.get("first_list_annotation_names_in_order").forEach(n -> names.add(n.asText()));
                    eq(names, withObjects.get(0).annotationObjects().stream().map(CrashpadInfo.Annotation::name).toList(), "names");
                    for (CrashpadInfo.ModuleInfo m : withObjects) {
                        for (CrashpadInfo.Annotation a : m.annotationObjects()) {
                            assertTrue(a.type() > 0 && a.value().length > 0, a.toString());
                        }
                    }
                }
            }));
        }
        for (JsonNode c : facts.get("microdumps")) {
            if (c.get("dump").isNull()) continue;
            Path file = dir.resolve(c.get("dump").asText()).normalize();
            tests.add(test("breakpad microdump is a clear error " + file.getFileName(), () -> {
                MinidumpFormatException e = assertThrows(MinidumpFormatException.class, () -> Minidump.open(file));
                eq(true, e.getMessage().contains("microdump"), "message");
            }));
        }
        for (JsonNode c : facts.get("exploitability")) {
            Path file = dir.resolve(c.get("dump").asText()).normalize();
            // Exploitability is a processor rating; the reader's part is a usable exception and context.
            tests.add(test("breakpad exploitability input " + file.getFileName(), () -> {
                try (Minidump d = Minidump.open(file)) {
                    MinidumpException e = d.exception().orElseThrow();
                    assertNotNull(e.context());
                    eq(true, d.thread(e.threadId()).isPresent(), "exception thread listed");
                    eq(List.of(), d.notes().stream().filter(n -> !n.contains("Linux")).toList(), "notes");
                }
            }));
        }
        return tests;
    }

    // ------------------------------------------------------------------ electron, symbolic

    private List<DynamicTest> electron(Path dir) throws Exception {
        JsonNode facts = JSON.readTree(dir.resolve("expected-facts.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : facts.get("cases")) {
            String dump = c.get("dump").asText();
            tests.add(test("electron " + dump, () -> {
                try (Minidump d = open(dir, dump)) {
                    String ending = c.get("module_list_contains_name_ending").asText();
                    eq(true, d.modules().stream().anyMatch(m -> m.codeFile().endsWith(ending)), "module ending " + ending);
                    if (c.has("minidump_dump_output_contains")) {
                        String name = c.get("minidump_dump_output_contains").asText();
                        eq(true, d.modules().stream().anyMatch(m -> m.codeFile().contains(name)), "module " + name);
                    }
                }
            }));
        }
        return tests;
    }

    private List<DynamicTest> symbolic(Path dir) throws Exception {
        JsonNode facts = JSON.readTree(dir.resolve("expected/facts-and-index.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : facts.get("cases")) {
            String dump = c.get("dump").asText();
            JsonNode x = c.get("expected");
            tests.add(test("symbolic " + c.get("name").asText(), () -> {
                try (Minidump d = open(dir, dump)) {
                    eq(x.get("timestamp").asLong(), d.timeDateStamp(), "timestamp");
                    eq(x.get("crashed").asBoolean(), d.exception().isPresent(), "crashed");
                    eq(x.get("crash_address").asLong(), d.exception().orElseThrow().address(), "crash address");
                    eq(x.get("thread0_id").asLong(), d.threads().get(0).threadId(), "thread 0 id");
                    long reported = d.threads().stream().filter(t -> d.dumpThreadId().stream().noneMatch(id -> id == t.threadId())).count();
                    eq(x.get("thread_count").asLong(), reported, "thread count");
                    SystemInfo si = d.systemInfo().orElseThrow();
                    JsonNode s = x.get("system_info");
                    eq(s.get("os_name").asText(), si.os(), "os");
                    eq(s.get("os_version").asText(), si.osRelease(), "os release");
                    eq(s.get("os_build").asText(), si.osBuild(), "os build");
                    eq(s.get("cpu_family").asText(), si.cpu().breakpadName(), "cpu");
                    eq(s.get("cpu_info").asText(), si.cpuInfo(), "cpu info");
                    eq(s.get("cpu_count").asInt(), si.processorCount(), "cpu count");
                    JsonNode m = x.get("module");
                    MinidumpModule module = d.moduleAt(m.get("addr").asLong());
                    eq(m.get("addr").asLong(), module.baseAddress(), "module base");
                    eq(m.get("size").asLong(), module.size(), "module size");
                    eq(m.get("debug_id").asText(), module.debugId(), "debug id");
                    eq(m.get("code_file").asText(), module.codeFile(), "code file");
                    String debugFile = m.get("debug_file").asText();
                    eq(debugFile.substring(debugFile.lastIndexOf('/') + 1), module.debugFile(), "debug file (basename)");
                    // Breakpad has no code id for macOS modules ("id"); ours is the Mach-O UUID.
                    if (!m.get("code_id").isNull()) eq(m.get("code_id").asText(), module.codeId(), "code id");
                    assertFalse(module.codeId() == null || module.codeId().isEmpty());
                }
            }));
        }
        return tests;
    }
}
