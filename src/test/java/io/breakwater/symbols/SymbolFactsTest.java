package io.breakwater.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.symbols.ModuleSymbols.FunctionHit;
import io.breakwater.symbols.ModuleSymbols.InlineHit;
import io.breakwater.symbols.ModuleSymbols.LineHit;
import io.breakwater.symbols.ModuleSymbols.PublicHit;
import io.breakwater.symbols.ModuleSymbols.WinFrameInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Lookups checked against facts produced by other tools: getsentry/symbolic's .sym parse snapshots and
 * Breakpad's expected stack walk of minidump2.dmp.
 */
class SymbolFactsTest {

    private static final String SNAPSHOTS = "symbolic/expected/sym-parse-snapshots/";
    private static final String WINDOWS_CRASH = "symbolic/symbols/crash.pdb/3249D99D0C4049318610F4E4FB0B69361/crash.sym";

    private static SymbolIndex load(String relative) throws Exception {
        SymbolParseResult r = BreakpadSymbolParser.parse(CorpusFiles.read(CorpusFiles.require(relative)));
        assertFalse(r.corrupt(), relative + ": " + r.reason());
        return r.index();
    }

    private static List<String> snapshotBody(String name) throws Exception {
        List<String> lines = Files.readAllLines(CorpusFiles.require(SNAPSHOTS + name), StandardCharsets.UTF_8);
        int second = lines.subList(1, lines.size()).indexOf("---") + 1;
        return lines.subList(second + 1, lines.size());
    }

    @Test
    void publicSymbolsMatchSymbolicSnapshot() throws Exception {
        SymbolIndex s = load(WINDOWS_CRASH);
        int checked = 0;
        for (String line : snapshotBody("test_objects__breakpad_symbols.snap")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(" ", 2);
            long addr = Long.parseLong(parts[0], 16);
            PublicHit hit = s.publicSymbol(addr);
            assertNotNull(hit, line);
            assertEquals(addr, hit.address(), line);
            assertEquals(parts[1], hit.name(), line);
            checked++;
        }
        assertEquals(35, checked);
    }

    @Test
    void filesMatchSymbolicSnapshot() throws Exception {
        SymbolIndex s = load(WINDOWS_CRASH);
        assertEquals(147, s.fileCount(), "file count asserted by symbolic's test");
        List<String> expected = snapshotBody("test_objects__breakpad_files.snap").stream()
                .filter(l -> !l.isBlank()).toList();
        // The first ten FILE records in file order, by their ids.
        List<Integer> ids = new ArrayList<>();
        for (String line : Files.readAllLines(CorpusFiles.require(WINDOWS_CRASH), StandardCharsets.UTF_8)) {
            if (line.startsWith("FILE ") && ids.size() < expected.size()) {
                ids.add(Integer.parseInt(line.split(" ")[1]));
            }
        }
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), s.fileName(ids.get(i)));
        }
    }

    @Test
    void functionsAndLinesMatchSymbolicSnapshot() throws Exception {
        int entries = checkFunctionSnapshot(load(WINDOWS_CRASH), "test_objects__breakpad_functions.snap", '\\');
        assertTrue(entries > 50, "line entries checked: " + entries);
    }

    @Test
    void functionsWithInlineesMatchSymbolicSnapshot() throws Exception {
        SymbolIndex s = load("symbolic/symbols-variants/crash/67E9247C814E392BA027DBDE6748FCBF0/crash.inlines.sym");
        int entries = checkFunctionSnapshot(s, "test_objects__breakpad_functions_mac_with_inlines.snap", '/');
        assertTrue(entries > 80, "line entries checked: " + entries);
        // Spot check a three-level chain from the snapshot: ~MinidumpFileWriter > ~MinidumpFileWriter > Close.
        List<InlineHit> chain = s.inlines(0xdf1);
        assertEquals(2, chain.size());
        assertEquals("google_breakpad::MinidumpFileWriter::~MinidumpFileWriter()", chain.get(0).name());
        assertEquals(0xde4, chain.get(0).address());
        assertEquals(0x26, chain.get(0).size());
        assertEquals("google_breakpad::MinidumpFileWriter::Close()", chain.get(1).name());
        assertEquals(133, s.line(0xdf1).line());
    }

    private static final Pattern HEADER = Pattern.compile("^( *)> 0x([0-9a-f]+): (.*) \\(0x([0-9a-f]+)\\)$");
    private static final Pattern ENTRY = Pattern.compile("^( *)0x([0-9a-f]+): (.*):(\\d+) \\((.*)\\)$");

    /**
     * Checks a symbolic "functions" snapshot. Depth 0 headers are FUNC records, deeper ones inlinees at
     * nest level depth-1. A line entry of a function at depth d is the raw line record when no inlinee
     * at level d covers its address, otherwise the call site of that inlinee.
     */
    private static int checkFunctionSnapshot(SymbolIndex s, String snapshot, char separator) throws Exception {
        int entries = 0;
        int headers = 0;
        for (String line : snapshotBody(snapshot)) {
            Matcher h = HEADER.matcher(line);
            Matcher en = ENTRY.matcher(line);
            if (h.matches()) {
                int depth = h.group(1).length() / 2;
                long addr = Long.parseLong(h.group(2), 16);
                long size = Long.parseLong(h.group(4), 16);
                if (depth == 0) {
                    FunctionHit f = s.function(addr);
                    assertNotNull(f, line);
                    assertEquals(new FunctionHit(h.group(3), addr, size, f.parameterSize(), f.multiple()), f, line);
                } else {
                    List<InlineHit> chain = s.inlines(addr);
                    assertTrue(chain.size() >= depth, line);
                    InlineHit in = chain.get(depth - 1);
                    assertEquals(h.group(3), in.name(), line);
                    assertEquals(addr, in.address(), line);
                    assertEquals(size, in.size(), line);
                }
                headers++;
            } else if (en.matches()) {
                int depth = (en.group(1).length() - 2) / 2;
                long addr = Long.parseLong(en.group(2), 16);
                String file = en.group(5) + separator + en.group(3);
                int lineNo = Integer.parseInt(en.group(4));
                List<InlineHit> chain = s.inlines(addr);
                if (chain.size() > depth) {
                    assertEquals(file, chain.get(depth).callFile(), line);
                    assertEquals(lineNo, chain.get(depth).callLine(), line);
                } else {
                    LineHit hit = s.line(addr);
                    assertNotNull(hit, line);
                    assertEquals(addr, hit.address(), line);
                    assertEquals(file, hit.file(), line);
                    assertEquals(lineNo, hit.line(), line);
                }
                entries++;
            } else {
                assertTrue(line.isBlank(), "unrecognised snapshot line: " + line);
            }
        }
        assertTrue(headers >= 10, snapshot);
        return entries;
    }

    @Test
    void cfiMatchesSymbolicReEmission() throws Exception {
        checkCfi("symbolic/symbols/crash/C0BCC3F19827FE653058404B2831D9E60/crash.sym", "test_cfi__cfi_sym_linux.snap");
        checkCfi("symbolic/symbols/crash/67E9247C814E392BA027DBDE6748FCBF0/crash.sym", "test_cfi__cfi_sym_macos.snap");
    }

    private static void checkCfi(String sym, String snapshot) throws Exception {
        SymbolIndex s = load(sym);
        int inits = 0;
        int deltas = 0;
        for (String line : snapshotBody(snapshot)) {
            if (line.startsWith("STACK CFI INIT ")) {
                String[] f = line.split(" ", 6);
                long addr = Long.parseLong(f[3], 16);
                long size = Long.parseLong(f[4], 16);
                assertEquals(rules(f[5]), s.cfi(addr).rules(), line);
                assertNotNull(s.cfi(addr + size - 1), line);
                inits++;
            } else if (line.startsWith("STACK CFI ")) {
                String[] f = line.split(" ", 4);
                long addr = Long.parseLong(f[2], 16);
                Map<String, String> actual = s.cfi(addr).rules();
                rules(f[3]).forEach((reg, expr) -> assertEquals(expr, actual.get(reg), line + " / " + reg));
                deltas++;
            }
        }
        assertEquals(s.cfiInitCount(), inits, snapshot);
        assertEquals(s.cfiDeltaCount(), deltas, snapshot);
    }

    /** Independent split of "reg: expr reg: expr" text. */
    private static Map<String, String> rules(String text) {
        Map<String, String> out = new HashMap<>();
        String reg = null;
        StringBuilder expr = new StringBuilder();
        for (String token : text.trim().split(" +")) {
            if (token.endsWith(":")) {
                if (reg != null) {
                    out.put(reg, expr.toString());
                }
                reg = token.substring(0, token.length() - 1);
                expr.setLength(0);
            } else {
                expr.append(expr.length() == 0 ? "" : " ").append(token);
            }
        }
        out.put(reg, expr.toString());
        return out;
    }

    @Test
    void stackWinMatchesSymbolicReEmission() throws Exception {
        SymbolIndex s = load(WINDOWS_CRASH);
        int checked = 0;
        for (String line : snapshotBody("test_cfi__cfi_sym_windows.snap")) {
            if (!line.startsWith("STACK WIN ")) {
                continue;
            }
            String[] f = line.split(" ", 13);
            long addr = Long.parseLong(f[3], 16);
            long size = Long.parseLong(f[4], 16);
            int type = Integer.parseInt(f[2], 16);
            WinFrameInfo w = s.winFrameOfType(addr, type);
            assertNotNull(w, line);
            assertEquals(type, w.type(), line);
            assertEquals(s.winFrameOfType(addr, 4) != null ? 4 : 0, s.winFrame(addr).type(), "FRAME_DATA preferred");
            assertEquals(addr, w.address(), line);
            assertEquals(size, w.size(), line);
            assertEquals(Long.parseLong(f[7], 16), w.parameterSize(), line);
            assertEquals(Long.parseLong(f[8], 16), w.savedRegisterSize(), line);
            assertEquals(Long.parseLong(f[9], 16), w.localSize(), line);
            if (f[11].equals("0")) {
                assertNull(w.programString(), line);
                assertEquals(!f[12].trim().equals("0"), w.allocatesBasePointer(), line);
            } else {
                assertEquals(f[12].replaceAll(" +", " ").trim(), w.programString().replaceAll(" +", " ").trim(), line);
            }
            checked++;
        }
        assertEquals(s.winFrameCount(), checked);
    }

    /**
     * Breakpad's expected walk of minidump2.dmp (minidump2.stackwalk.out): module bases and instruction
     * pointers from the human output, names/files/lines from the machine-readable one. Frame 0 is looked
     * up at its instruction; caller frames at the return address minus one, within the call.
     */
    @Test
    void breakpadMinidump2FramesResolve() throws Exception {
        SymbolIndex app = load("breakpad/processor-testdata/symbols/test_app.pdb/5A9832E5287241C1838ED98914E9B7FF1/test_app.sym");
        SymbolIndex kernel32 = load("breakpad/processor-testdata/symbols/kernel32.pdb/BCE8785C57B44245A669896B6A19B9542/kernel32.sym");
        assertEquals("test_app.pdb", app.module().debugFile());
        Path expected = CorpusFiles.require("breakpad/processor-testdata/minidump2.stackwalk.out");
        List<Long> eips = new ArrayList<>();
        for (String line : Files.readAllLines(expected, StandardCharsets.UTF_8)) {
            Matcher m = Pattern.compile("eip = 0x([0-9a-f]+)").matcher(line);
            if (m.find()) {
                eips.add(Long.parseLong(m.group(1), 16));
            }
        }
        List<String[]> frames = new ArrayList<>();
        for (String line : Files.readAllLines(CorpusFiles.require(
                "breakpad/processor-testdata/minidump2.stackwalk.machine_readable.out"), StandardCharsets.UTF_8)) {
            if (line.startsWith("0|")) {
                frames.add(line.split("\\|", -1));
            }
        }
        assertEquals(4, frames.size());
        assertEquals(4, eips.size());
        for (int i = 0; i < frames.size(); i++) {
            String[] f = frames.get(i);
            boolean inApp = f[2].equals("test_app.exe");
            SymbolIndex s = inApp ? app : kernel32;
            long base = inApp ? 0x400000L : 0x7c800000L;
            long pc = eips.get(i) - base;
            long lookup = i == 0 ? pc : pc - 1;
            long printedOffset = Long.parseLong(f[6].substring(2), 16);
            if (!f[4].isEmpty()) {
                FunctionHit fn = s.function(lookup);
                assertEquals(f[3], fn.name(), "frame " + i);
                LineHit line = s.line(lookup);
                assertEquals(f[4], line.file(), "frame " + i);
                assertEquals(Integer.parseInt(f[5]), line.line(), "frame " + i);
                assertEquals(printedOffset, pc - line.address(), "frame " + i + " offset from line start");
            } else {
                assertNull(s.function(lookup), "frame " + i + " has no FUNC");
                PublicHit pub = s.publicSymbolFallback(lookup);
                assertEquals(f[3], pub.name(), "frame " + i);
                assertEquals(printedOffset, pc - pub.address(), "frame " + i + " offset from symbol");
            }
        }
    }

    @Test
    void linuxInlineOldAndNewFormsAgreeOnNamesAndLines() throws Exception {
        String dir = "breakpad/processor-testdata/symbols/linux_inline/BBA6FA10B8AAB33D00000000000000000/";
        SymbolIndex oldForm = load(dir + "linux_inline.old.sym");
        SymbolIndex newForm = load(dir + "linux_inline.new.sym");
        for (long offset = 0x15b30; offset < 0x15b30 + 0x6cf; offset++) {
            List<InlineHit> a = oldForm.inlines(offset);
            List<InlineHit> b = newForm.inlines(offset);
            assertEquals(b.size(), a.size(), Long.toHexString(offset));
            for (int k = 0; k < a.size(); k++) {
                assertEquals(b.get(k).name(), a.get(k).name());
                assertEquals(b.get(k).callLine(), a.get(k).callLine());
                assertEquals(b.get(k).address(), a.get(k).address());
            }
            assertEquals(newForm.line(offset), oldForm.line(offset));
        }
        List<InlineHit> deepest = newForm.inlines(0x15b83);
        assertEquals(List.of("foo()", "bar()", "func()"), deepest.stream().map(InlineHit::name).toList());
        assertEquals(List.of("a.cpp", "b.cpp", "c.cpp"), deepest.stream().map(InlineHit::callFile).toList());
    }
}
