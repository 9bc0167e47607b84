package io.breakwater.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every symbol file in the corpus parses; only Breakpad's two known-bad resolver inputs are CORRUPT. */
class CorpusSymbolFilesTest {

    private static final Set<String> KNOWN_BAD = Set.of("module3_bad.out", "module4_bad.out");

    @Test
    void everyCorpusSymbolFileParsesAndOnlyTheKnownBadOnesAreCorrupt() throws Exception {
        Path root = CorpusFiles.requireRoot();
        List<Path> files = CorpusFiles.symbolFiles(root);
        assertTrue(files.size() > 100, "expected the corpus's symbol files, found " + files.size());
        List<String> problems = new ArrayList<>();
        long totalFunctions = 0;
        int xz = 0;
        for (Path file : files) {
            byte[] text = CorpusFiles.read(file);
            xz += file.toString().endsWith(".xz") ? 1 : 0;
            SymbolParseResult result = BreakpadSymbolParser.parse(new ByteArrayInputStream(text));
            String name = file.getFileName().toString();
            boolean expectBad = KNOWN_BAD.contains(name);
            if (result.corrupt() != expectBad) {
                problems.add(root.relativize(file) + ": corrupt=" + result.corrupt() + " " + result.reason());
                continue;
            }
            assertNotNull(result.index(), name);
            Counts counts = Counts.of(text);
            SymbolStats stats = result.index().stats();
            if (!expectBad) {
                // An independent line count of each record kind must match what the parser read.
                assertEquals(counts.func, stats.functions(), name + " FUNC");
                assertEquals(counts.pub, stats.publics(), name + " PUBLIC");
                assertEquals(counts.cfiInit, stats.cfiInits(), name + " STACK CFI INIT");
                assertEquals(counts.cfiDelta, stats.cfiDeltas(), name + " STACK CFI");
                assertEquals(counts.win, stats.stackWin(), name + " STACK WIN");
                assertEquals(counts.file, stats.files(), name + " FILE");
                assertEquals(counts.inline, stats.inlineRecords(), name + " INLINE");
                assertEquals(counts.line, stats.lineRecords(), name + " line records");
                assertTrue(result.index().functionCount() <= stats.functions());
                assertTrue(result.index().lineCount() <= stats.lineRecords());
                if (counts.module > 0) {
                    assertFalse(result.index().module().debugId().isEmpty(), name);
                }
            }
            totalFunctions += result.index().functionCount();
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(xz > 50, "the .sym.xz files were read");
        assertTrue(totalFunctions > 100_000, "functions indexed: " + totalFunctions);
    }

    @Test
    void knownBadFilesSayWhy() throws Exception {
        for (String name : List.of("breakpad/processor-testdata/module3_bad.out", "breakpad/processor-testdata/module4_bad.out")) {
            SymbolParseResult result = BreakpadSymbolParser.parse(CorpusFiles.read(CorpusFiles.require(name)));
            assertTrue(result.corrupt(), name);
            SymbolSupplier.SymbolResult asResult = result.toSymbolResult();
            assertEquals(SymbolSupplier.Status.CORRUPT, asResult.status());
            assertNotNull(asResult.detail());
            assertTrue(asResult.detail().contains("line"), asResult.detail());
        }
        SymbolParseResult module3 = BreakpadSymbolParser.parse(CorpusFiles.read(
                CorpusFiles.require("breakpad/processor-testdata/module3_bad.out")));
        assertTrue(module3.reason().contains("FUNC"), module3.reason());
        SymbolParseResult module4 = BreakpadSymbolParser.parse(CorpusFiles.read(
                CorpusFiles.require("breakpad/processor-testdata/module4_bad.out")));
        assertTrue(module4.reason().contains("outside a FUNC"), module4.reason());
        assertNull(module4.index().function(0x1000));
    }

    /** Record counts by a plain line scan, independent of the parser. */
    private record Counts(long module, long file, long func, long line, long pub, long cfiInit, long cfiDelta, long win,
                          long inline) {
        static Counts of(byte[] text) throws Exception {
            long module = 0, file = 0, func = 0, line = 0, pub = 0, init = 0, delta = 0, win = 0, inline = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(text), StandardCharsets.ISO_8859_1))) {
                String s;
                boolean inFunc = false;
                while ((s = r.readLine()) != null) {
                    if (s.startsWith("MODULE ")) module++;
                    else if (s.startsWith("FILE ")) file++;
                    else if (s.startsWith("FUNC ")) { func++; inFunc = true; }
                    else if (s.startsWith("PUBLIC ")) { pub++; inFunc = false; }
                    else if (s.startsWith("STACK CFI INIT ")) init++;
                    else if (s.startsWith("STACK CFI ")) delta++;
                    else if (s.startsWith("STACK WIN ")) win++;
                    else if (s.startsWith("INLINE ")) inline++;
                    else if (inFunc && looksLikeLineRecord(s)) line++;
                }
            }
            return new Counts(module, file, func, line, pub, init, delta, win, inline);
        }

        /** "hex hex dec dec ...": four space-separated numeric fields. */
        private static boolean looksLikeLineRecord(String s) {
            String[] f = s.split(" ", 5);
            return f.length >= 4 && all(f[0], true) && all(f[1], true) && all(f[2], false) && all(f[3], false);
        }

        private static boolean all(String field, boolean hex) {
            if (field.isEmpty()) {
                return false;
            }
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                boolean ok = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
