package io.breakwater.minidump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares the reader with Breakpad's {@code minidump_dump} output stored next to corpus dumps
 * ({@code generated/*}/minidump_dump.txt and Breakpad's minidump2.dump.out): header, threads and their
 * contexts, stack and memory bytes, modules with Breakpad's computed identifiers, exception, SystemInfo.
 */
class BreakpadDumpConformanceTest {

    /** A titled block of "name = value" lines; {@code data} holds the hex line of Memory/Stack blocks. */
    record Block(String title, Map<String, String> fields, String data) {
        String get(String key) {
            String v = fields.get(key);
            if (v == null) throw new AssertionError(title + " has no field " + key + ": " + fields.keySet());
            return v;
        }

        long num(String key) { return parseNumber(get(key)); }
    }

    static long parseNumber(String v) {
        String token = v.trim().split("\\s+")[0];
        return token.startsWith("0x") ? Long.parseUnsignedLong(token.substring(2), 16) : Long.parseLong(token);
    }

    static String unquote(String v) {
        if (v.equals("(null)")) return null;
        return v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    static List<Block> parse(Path file) throws IOException {
        List<Block> blocks = new ArrayList<>();
        Block current = null;
        List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) continue;
            if (!Character.isWhitespace(line.charAt(0))) {
                String data = null;
                if ((line.equals("Memory") || line.equals("Stack")) && i + 1 < lines.size() && lines.get(i + 1).startsWith("0x")) {
                    data = lines.get(++i).substring(2);
                }
                current = new Block(line.trim(), new LinkedHashMap<>(), data);
                blocks.add(current);
            } else if (current != null) {
                int eq = line.indexOf(" = ");
                if (eq > 0) current.fields.put(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
            }
        }
        return blocks;
    }

    static List<Path> references(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root.resolve("generated"))) {
            s.filter(p -> p.getFileName().toString().equals("minidump_dump.txt")).sorted().forEach(out::add);
        }
        Path minidump2 = root.resolve("breakpad/processor-testdata/minidump2.dump.out");
        if (Files.exists(minidump2)) out.add(minidump2);
        return out;
    }

    static Path dumpFor(Path reference) {
        if (reference.getFileName().toString().equals("minidump_dump.txt")) return reference.resolveSibling("crash.dmp");
        return reference.resolveSibling("minidump2.dmp");
    }

    @TestFactory
    List<DynamicTest> matchesBreakpadMinidumpDump() throws IOException {
        Path root = Corpus.root();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path ref : references(root)) {
            tests.add(DynamicTest.dynamicTest(root.relativize(ref).toString(), () -> compare(ref)));
        }
        assertTrue(tests.size() >= 10, "expected the generated corpus references, found " + tests.size());
        return tests;
    }

    private static void compare(Path ref) throws Exception {
        List<Block> blocks = parse(ref);
        try (Minidump d = Minidump.open(dumpFor(ref))) {
            Block header = blocks.stream().filter(b -> b.title.equals("MDRawHeader")).findFirst().orElseThrow();
            assertEquals(header.num("time_date_stamp"), d.timeDateStamp());
            assertEquals(header.num("version"), d.headerVersion());
            assertEquals(header.num("stream_count"), d.streams().size());

            List<MinidumpThread> threads = d.threads();
            List<MinidumpModule> modules = d.modules();
            int thread = 0, module = 0, memory = 0;
            boolean inException = false;
            MinidumpThread lastThread = null;
            for (int i = 0; i < blocks.size(); i++) {
                Block b = blocks.get(i);
                switch (b.title) {
                    case "MDRawThread" -> {
                        MinidumpThread t = threads.get(thread++);
                        lastThread = t;
                        inException = false;
                        assertEquals(b.num("thread_id"), t.threadId());
                        assertEquals(b.num("suspend_count"), t.suspendCount());
                        assertEquals(b.num("stack.start_of_memory_range"), t.stack().baseAddress());
                        assertEquals(b.num("stack.memory.data_size"), t.stack().size());
                    }
                    case "MDException" -> {
                        MinidumpException e = d.exception().orElseThrow();
                        inException = true;
                        assertEquals(b.num("thread_id"), e.threadId());
                        assertEquals(b.num("exception_record.exception_code"), e.code());
                        assertEquals(b.num("exception_record.exception_flags"), e.flags());
                        assertEquals(b.num("exception_record.exception_address"), e.address());
                        assertEquals(b.num("exception_record.number_parameters"), e.parameters().length);
                    }
                    case "MDRawContextAMD64", "MDRawContextX86" -> {
                        CpuContext c = inException ? d.exception().orElseThrow().context() : lastThread.context();
                        assertNotNull(c);
                        assertEquals(b.num("context_flags"), c.contextFlags());
                        for (String reg : c.registers().keySet()) {
                            String key = reg.equals("efl") ? "eflags" : reg;
                            assertEquals(b.num(key), c.get(reg), b.title + " " + reg);
                        }
                        assertEquals(b.title.equals("MDRawContextX86") ? 10 : 17, c.registers().size(), "all registers valid");
                    }
                    case "Stack" -> {
                        byte[] expected = HexFormat.of().parseHex(b.data);
                        MemoryRegion stack = lastThread.stack();
                        assertArrayEquals(expected, stack.readBytes(stack.baseAddress(), expected.length));
                    }
                    case "MDMemoryDescriptor" -> {
                        MemoryRegion r = d.memory().regions().get(memory++);
                        assertEquals(b.num("start_of_memory_range"), r.baseAddress());
                        assertEquals(b.num("memory.data_size"), r.size());
                        Block data = blocks.get(i + 1);
                        if (data.title.equals("Memory") && data.data != null) {
                            byte[] expected = HexFormat.of().parseHex(data.data);
                            assertArrayEquals(expected, r.readBytes(r.baseAddress(), expected.length));
                        }
                    }
                    case "MDRawModule" -> compareModule(b, modules.get(module++));
                    case "MDRawSystemInfo" -> {
                        SystemInfo si = d.systemInfo().orElseThrow();
                        assertEquals(b.num("processor_architecture"), si.processorArchitecture());
                        assertEquals(b.num("processor_level"), si.processorLevel());
                        assertEquals(b.num("processor_revision"), si.processorRevision());
                        assertEquals(b.num("number_of_processors"), si.processorCount());
                        assertEquals(b.num("platform_id"), si.platformId());
                        assertEquals(unquote(b.get("(csd_version)")), si.csdVersion());
                        assertEquals(unquote(b.get("(cpu_vendor)")), si.cpuVendor());
                    }
                    case "MDRawMiscInfo" -> assertEquals(b.num("process_id"), d.miscInfo().orElseThrow().processId());
                    case "MDRawBreakpadInfo" -> {
                        assertEquals(b.num("dump_thread_id"), d.dumpThreadId().getAsLong());
                        assertEquals(b.num("requesting_thread_id"), d.requestingThreadId().getAsLong());
                    }
                    default -> { }
                }
            }
            assertEquals(threads.size(), thread, "thread count");
            assertEquals(modules.size(), module, "module count");
            assertEquals(d.memory().regions().size(), memory, "memory region count");
            assertEquals(List.of(), d.notes());
        }
    }

    private static void compareModule(Block b, MinidumpModule m) {
        assertEquals(b.num("base_of_image"), m.baseAddress());
        assertEquals(b.num("size_of_image"), m.size());
        assertEquals(b.num("checksum"), m.checksum());
        assertEquals(b.num("time_date_stamp"), m.timeDateStamp());
        String codeFile = unquote(b.get("(code_file)"));
        assertEquals(codeFile, m.codeFile());
        assertEquals(unquote(b.get("(debug_identifier)")), m.debugId());
        String version = unquote(b.get("(version)"));
        assertEquals(version.isEmpty() ? null : version, m.version());
        String debugFile = unquote(b.get("(debug_file)"));
        boolean elf = "0x4270454c".equals(b.fields.get("(cv_record).cv_signature"));
        // Breakpad's raw reader reports an ELF module's whole path; symbol lookup uses the basename,
        // which is what we store (see MinidumpModule).
        assertEquals(elf ? debugFile.substring(debugFile.lastIndexOf('/') + 1) : debugFile, m.debugFile());
        String codeId = unquote(b.get("(code_identifier)"));
        if (!"id".equals(codeId)) assertEquals(codeId, m.codeId());
    }
}
