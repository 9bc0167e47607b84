package io.breakwater.stackwalk.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.minidump.Minidump;
import io.breakwater.stackwalk.CallStack;
import io.breakwater.stackwalk.FrameTrust;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.StackFrame;
import io.breakwater.stackwalk.Stackwalker;
import io.breakwater.symbols.BreakpadSymbolParser;
import io.breakwater.symbols.SymbolSupplier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An older Breakpad (through getsentry/symbolic's processor, 2018) as a second reference: its
 * ProcessState snapshots of three mini dumps give, per frame, the lookup address, trust and module.
 * The "cfi" snapshot walked with call frame information only, so that variant gets the STACK records
 * of crash.sym and nothing else.
 */
class SymbolicConformanceTest {

    record Frame(long instruction, String trust, String module) {}

    private static final Pattern THREAD_ID = Pattern.compile("thread_id: (\\d+)");
    private static final Pattern INSTRUCTION = Pattern.compile("instruction: (\\d+)");
    private static final Pattern TRUST = Pattern.compile("trust: (\\w+)");
    private static final Pattern CODE_FILE = Pattern.compile("code_file: \"([^\"]*)\"");
    private static final Map<String, FrameTrust> TRUSTS = Map.of("Context", FrameTrust.CONTEXT, "CFI", FrameTrust.CFI,
            "Scan", FrameTrust.SCAN, "CFIScan", FrameTrust.CFI_SCAN, "FP", FrameTrust.FRAME_POINTER,
            "Prewalked", FrameTrust.PREWALKED, "None", FrameTrust.NONE);

    @Test
    void processStateSnapshots() throws Exception {
        Path root = Corpus.requireRoot().resolve("symbolic");
        MatchRate total = new MatchRate();
        List<String> mismatches = new ArrayList<>();
        StringBuilder sb = new StringBuilder("reference: getsentry/symbolic Breakpad ProcessState snapshots\n");
        for (String os : List.of("linux", "macos", "windows")) {
            compare(os, root.resolve("testutils-fixtures/" + os + "/mini.dmp"), null, root, total, mismatches, sb);
        }
        Path sym = root.resolve("symbols/crash/C0BCC3F19827FE653058404B2831D9E60/crash.sym");
        String cfiOnly = Files.readAllLines(sym, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("MODULE ") || l.startsWith("STACK ")).collect(Collectors.joining("\n"));
        SymbolSupplier.SymbolResult cfi = BreakpadSymbolParser.parse(cfiOnly.getBytes(StandardCharsets.UTF_8)).toSymbolResult();
        compare("linux_cfi", root.resolve("testutils-fixtures/linux/mini.dmp"),
                (file, id) -> file.equals("crash") ? cfi : SymbolSupplier.SymbolResult.missing(), root, total, mismatches, sb);
        sb.append("all frames: ").append(total).append('\n');
        if (!mismatches.isEmpty()) sb.append("mismatches:\n  ").append(String.join("\n  ", mismatches)).append('\n');
        System.out.print(sb);
        Files.createDirectories(Path.of("target", "conformance"));
        Files.writeString(Path.of("target", "conformance", "symbolic-breakpad.txt"), sb.toString());
        assertTrue(total.compared > 40, "frames compared: " + total);
        assertEquals(List.of(), mismatches);
    }

    /**
     * symbolic's Python tests: frame counts and the first caller (trust, addresses, registers) of two more
     * dumps, walked with and without a CFI-only symbol text that has no MODULE line.
     */
    @Test
    void pythonTestFacts() throws Exception {
        Path root = Corpus.requireRoot().resolve("symbolic");
        com.fasterxml.jackson.databind.JsonNode facts = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(root.resolve("expected/facts-and-index.json").toFile());
        int checked = 0;
        for (com.fasterxml.jackson.databind.JsonNode c : facts.get("cases")) {
            com.fasterxml.jackson.databind.JsonNode expected = c.get("expected");
            SymbolSupplier symbols = null;
            if (!c.get("cfi").isNull()) {
                byte[] text = Files.readAllBytes(root.resolve(c.get("cfi").asText()));
                SymbolSupplier.SymbolResult cfi = BreakpadSymbolParser.parse(text).toSymbolResult();
                String id = c.get("cfi_module_debug_id").asText();
                symbols = (file, debugId) -> debugId.equals(id) ? cfi : SymbolSupplier.SymbolResult.missing();
            }
            ProcessState state;
            try (Minidump m = Minidump.open(root.resolve(c.get("dump").asText()))) {
                state = new Stackwalker(symbols).process(m);
            }
            String name = c.get("name").asText();
            assertEquals(expected.get("crash_reason").asText(), state.crashReason(), name);
            assertEquals(expected.get("crash_address").asLong(), state.crashAddress(), name);
            CallStack thread = state.threads().get(0);
            if (name.equals("linux_with_cfi")) {
                // Documented difference 16: scanning after __libc_start_main goes on where this processor
                // stopped (its per-frame snapshot of mini.dmp agrees with our rule).
                assertTrue(thread.frames().size() >= expected.get("thread0_frame_count").asInt(), name);
            } else {
                assertEquals(expected.get("thread0_frame_count").asInt(), thread.frames().size(), name + " frame count");
            }
            com.fasterxml.jackson.databind.JsonNode f1 = expected.get("thread0_frame1");
            StackFrame ours = thread.frames().get(1);
            assertEquals(f1.get("trust").asText(), ours.trust().jsonName(), name);
            assertEquals(f1.get("instruction").asLong(), ours.instruction(), name);
            assertEquals(f1.get("return_address").asLong(), ours.returnAddress(), name);
            Map<String, Long> regs = ours.registers().asMap();
            var it = f1.get("registers").fields();
            while (it.hasNext()) {
                var r = it.next();
                assertEquals(Long.parseUnsignedLong(r.getValue().asText().substring(2), 16), regs.get(r.getKey()),
                        name + " " + r.getKey());
            }
            assertEquals(f1.get("registers").size(), regs.size(), name + " registers known: " + regs.keySet());
            checked++;
        }
        assertEquals(4, checked);
    }

    private static void compare(String name, Path dump, SymbolSupplier symbols, Path root, MatchRate total,
                                List<String> mismatches, StringBuilder sb) throws Exception {
        List<List<Frame>> expected = parse(Files.readString(
                root.resolve("expected/processor-snapshots/test_processor__process_state_" + name + ".snap")));
        ProcessState state;
        try (Minidump m = Minidump.open(dump)) {
            state = new Stackwalker(symbols).process(m);
        }
        MatchRate rate = new MatchRate();
        assertEquals(expected.size(), state.threads().size(), name + " thread count");
        for (int t = 0; t < expected.size(); t++) {
            List<Frame> exp = expected.get(t);
            CallStack ours = state.threads().get(t);
            for (int i = 0; i < Math.max(exp.size(), ours.frames().size()); i++) {
                Frame e = i < exp.size() ? exp.get(i) : null;
                StackFrame o = i < ours.frames().size() ? ours.frames().get(i) : null;
                boolean ok = e != null && o != null && e.instruction() == o.instruction()
                        && TRUSTS.get(e.trust()) == o.trust()
                        && java.util.Objects.equals(e.module(), o.module() == null ? null : basename(o.module().codeFile()));
                rate.add(ok);
                if (!ok) mismatches.add(name + " thread " + t + " frame " + i + ": " + e + " vs "
                        + (o == null ? null : Long.toHexString(o.instruction()) + " " + o.trust()));
            }
        }
        total.add(rate);
        sb.append(name).append(": ").append(rate).append('\n');
    }

    private static List<List<Frame>> parse(String snapshot) {
        List<List<Frame>> threads = new ArrayList<>();
        String[] stacks = snapshot.split("CallStack \\{");
        for (int s = 1; s < stacks.length; s++) {
            Matcher tid = THREAD_ID.matcher(stacks[s]);
            if (!tid.find()) continue;
            List<Frame> frames = new ArrayList<>();
            String[] parts = stacks[s].split("StackFrame \\{");
            for (int f = 1; f < parts.length; f++) {
                Matcher ins = INSTRUCTION.matcher(parts[f]);
                Matcher trust = TRUST.matcher(parts[f]);
                Matcher code = CODE_FILE.matcher(parts[f]);
                if (!ins.find() || !trust.find()) throw new IllegalArgumentException("bad frame: " + parts[f]);
                frames.add(new Frame(Long.parseLong(ins.group(1)), trust.group(1),
                        code.find() ? basename(code.group(1).replace("\\\\", "\\")) : null));
            }
            threads.add(frames);
        }
        return threads;
    }

    private static String basename(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return i >= 0 ? path.substring(i + 1) : path;
    }
}
