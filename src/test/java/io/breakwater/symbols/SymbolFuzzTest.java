package io.breakwater.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A short seeded run of {@link SymbolFuzz}; long runs use its main. */
class SymbolFuzzTest {

    @Test
    void mutatedSymbolFilesNeverThrow() throws Exception {
        Path root = CorpusFiles.root();
        List<byte[]> seeds = Files.isDirectory(root) ? SymbolFuzz.corpusSeeds(root, 16_000, false)
                : List.of(SymbolFuzz.handWritten().getBytes(StandardCharsets.UTF_8),
                        SymbolFuzz.amplification().getBytes(StandardCharsets.UTF_8));
        SymbolFuzz.Report report = new SymbolFuzz(seeds).run(20240601L, 3_000);
        assertEquals(List.of(), report.failures());
        assertTrue(report.corrupt() > 100, "mutations produce CORRUPT results: " + report);
        assertTrue(report.loaded() > 100, "some mutations stay well-formed: " + report);
    }

    @Test
    void amplificationSeedParsesCleanly() {
        SymbolParseResult clean = BreakpadSymbolParser.parse(SymbolFuzz.amplification());
        assertTrue(!clean.corrupt(), String.valueOf(clean.reason()));
        assertTrue(clean.index().stats().cfiDeltas() == 500, clean.index().stats().toString());
    }

    @Test
    void handWrittenSeedReachesEveryRecordType() throws Exception {
        SymbolFuzz fuzz = new SymbolFuzz(List.of(SymbolFuzz.handWritten().getBytes(StandardCharsets.UTF_8)));
        SymbolParseResult clean = BreakpadSymbolParser.parse(SymbolFuzz.handWritten());
        assertTrue(!clean.corrupt(), String.valueOf(clean.reason()));
        SymbolStats st = clean.index().stats();
        assertTrue(st.functions() == 2 && st.inlineRecords() == 3 && st.cfiDeltas() == 2 && st.stackWin() == 3
                && st.inlineOrigins() == 2 && st.publics() == 1, st.toString());
        SymbolFuzz.Report report = fuzz.run(5, 2_000);
        assertEquals(List.of(), report.failures());
    }
}
