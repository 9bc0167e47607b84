package io.breakwater.symbolstore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.breakwater.symbolstore.SymbolTestFiles.freshDebugId;
import static io.breakwater.symbolstore.SymbolTestFiles.tinySymbols;
import static io.breakwater.symbolstore.SymbolTestFiles.zip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymbolZipTest {

    private static final SymbolZip.Limits LIMITS = new SymbolZip.Limits(1 << 24, 100);

    @TempDir
    Path tmp;

    private List<SymbolZip.ExtractedFile> extract(byte[] zipBytes, SymbolZip.Limits limits) throws Exception {
        Path zip = Files.write(tmp.resolve("u.zip"), zipBytes);
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        return SymbolZip.extract(zip, staging, limits);
    }

    private UploadRejectedException rejected(byte[] zipBytes) {
        return assertThrows(UploadRejectedException.class, () -> extract(zipBytes, LIMITS));
    }

    @Test
    void foldersAboveTheLayoutAreIgnoredButTheLayoutStillCounts() throws Exception {
        String id = freshDebugId();
        List<SymbolZip.ExtractedFile> files = extract(zip("breakpad_symbols/out/libx.so/" + id + "/libx.so.sym",
                tinySymbols("libx.so", id, "f")), new SymbolZip.Limits(1L << 20, 10));
        assertEquals(new SymbolKey("libx.so", id), files.getFirst().key());
        Map<String, byte[]> twice = new LinkedHashMap<>();
        twice.put("a/libx.so/" + id + "/libx.so.sym", tinySymbols("libx.so", id, "f"));
        twice.put("b/libx.so/" + id + "/libx.so.sym", tinySymbols("libx.so", id, "f"));
        assertTrue(rejected(zip(twice)).getMessage().contains("same symbol file"), "one module twice is still refused");
    }

    @Test
    void extractsEveryCorpusFileWithItsKey() throws Exception {
        var corpus = SymbolTestFiles.corpusSymbols();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(corpus.get(0).key().debugFile() + "/", null); // directory entries are fine
        corpus.forEach(s -> entries.put(s.entryName(), s.bytes()));
        List<SymbolZip.ExtractedFile> files = extract(zip(entries), new SymbolZip.Limits(1L << 30, 100));
        assertEquals(corpus.size(), files.size());
        for (int i = 0; i < corpus.size(); i++) {
            SymbolZip.ExtractedFile f = files.get(i);
            assertEquals(corpus.get(i).key(), f.key());
            assertEquals("Linux", f.os());
            assertArrayEquals(corpus.get(i).bytes(), Files.readAllBytes(f.file()));
            assertEquals(Files.size(corpus.get(i).file()), f.size());
            assertEquals(64, f.sha256().length());
        }
    }

    @Test
    void windowsPdbNamesMapToDotSym() throws Exception {
        String id = freshDebugId();
        byte[] sym = ("MODULE windows x86_64 " + id + " test_app.pdb\nPUBLIC 10 0 f\n").getBytes(StandardCharsets.US_ASCII);
        var files = extract(zip("test_app.pdb/" + id + "/test_app.sym", sym), LIMITS);
        assertEquals("test_app.pdb/" + id + "/test_app.sym", files.get(0).key().objectKey());
        UploadRejectedException e = rejected(zip("test_app.pdb/" + id + "/test_app.pdb.sym", sym));
        assertTrue(e.getMessage().contains("file name should be test_app.sym"), e.getMessage());
    }

    @Test
    void lowerCaseIdInPathIsStoredUpperCase() throws Exception {
        String id = freshDebugId();
        var files = extract(zip("libx.so/" + id.toLowerCase() + "/libx.so.sym", tinySymbols("libx.so", id, "f")), LIMITS);
        assertEquals("libx.so/" + id + "/libx.so.sym", files.get(0).key().objectKey());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "../libx.so/ID/libx.so.sym       | path leaves the archive (..)",
            "libx.so/../../etc/libx.so.sym   | path leaves the archive (..)",
            "libx.so/ID/../ID/libx.so.sym    | path leaves the archive (..)",
            "/libx.so/ID/libx.so.sym         | absolute path",
            "C:/libx.so/ID/libx.so.sym       | absolute path (drive letter)",
            "libx.so\\ID\\libx.so.sym        | backslash in path",
            "libx.so/ID/libx.so.txt          | not a .sym file",
            "libx.so/ID/libx.so.sym.gz       | not a .sym file",
            "libx.so/libx.so.sym             | expected <debug_file>/<debug_id>/<name>.sym",
            "libx.so//libx.so.sym            | empty or '.' path segment",
            "./libx.so/ID/libx.so.sym        | empty or '.' path segment",
            "libx.so/ID/liby.so.sym          | file name should be libx.so.sym",
            "libx.so/NOT-HEX!/libx.so.sym    | is not 1-80 letters or digits",
    })
    void rejectsBadPathsNamingTheEntry(String pattern, String reason) {
        String id = freshDebugId();
        String name = pattern.replace("ID", id);
        UploadRejectedException e = rejected(zip(name, tinySymbols("libx.so", id, "f")));
        assertEquals(400, e.status());
        assertEquals(name, e.entry());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(name), "the message names the entry: " + e.getMessage());
    }

    @Test
    void rejectsModuleLineThatDisagreesWithThePath() {
        String id = freshDebugId();
        String other = freshDebugId();
        String entry = "libx.so/" + id + "/libx.so.sym";
        UploadRejectedException wrongId = rejected(zip(entry, tinySymbols("libx.so", other, "f")));
        assertTrue(wrongId.getMessage().contains("MODULE line has debug id " + other + " but the path says " + id),
                wrongId.getMessage());
        assertEquals(entry, wrongId.entry());
        UploadRejectedException wrongFile = rejected(zip(entry, tinySymbols("liby.so", id, "f")));
        assertTrue(wrongFile.getMessage().contains("MODULE line has debug file \"liby.so\""), wrongFile.getMessage());
        UploadRejectedException noModule = rejected(zip(entry, "FUNC 1 2 0 f\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(noModule.getMessage().contains("first line is not a MODULE record"), noModule.getMessage());
        UploadRejectedException empty = rejected(zip(entry, new byte[0]));
        assertTrue(empty.getMessage().contains("empty file"), empty.getMessage());
        byte[] longLine = new byte[10_000];
        java.util.Arrays.fill(longLine, (byte) 'A');
        UploadRejectedException tooLong = rejected(zip(entry, longLine));
        assertTrue(tooLong.getMessage().contains("first line is not a MODULE record"), tooLong.getMessage());
    }

    @Test
    void oneBadEntryRejectsTheWholeZipAfterGoodOnes() {
        String id = freshDebugId();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("libx.so/" + id + "/libx.so.sym", tinySymbols("libx.so", id, "f"));
        entries.put("README.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        UploadRejectedException e = rejected(zip(entries));
        assertEquals("README.txt", e.entry());
    }

    @Test
    void rejectsDuplicatesAfterCaseNormalisation() {
        String id = freshDebugId();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("libx.so/" + id + "/libx.so.sym", tinySymbols("libx.so", id, "f"));
        entries.put("libx.so/" + id.toLowerCase() + "/libx.so.sym", tinySymbols("libx.so", id, "g"));
        UploadRejectedException e = rejected(zip(entries));
        assertTrue(e.getMessage().contains("same symbol file as entry"), e.getMessage());
    }

    @Test
    void rejectsWhatIsNotAZipOrHoldsNoSymbols() throws IOException {
        UploadRejectedException notZip = rejected("MODULE Linux x86_64 00 a\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(notZip.getMessage().startsWith("not a valid zip archive"), notZip.getMessage());
        assertNull(notZip.entry());
        UploadRejectedException empty = rejected(zip(new LinkedHashMap<>()));
        assertEquals("zip holds no .sym files", empty.getMessage());
        UploadRejectedException onlyDirs = rejected(zip(Map.of("libx.so/", new byte[0])));
        assertEquals(400, onlyDirs.status());
    }

    @Test
    void limitsUncompressedBytesAndEntries() {
        String id = freshDebugId();
        byte[] big = new byte[200_000];
        byte[] head = tinySymbols("libx.so", id, "f");
        System.arraycopy(head, 0, big, 0, head.length);
        java.util.Arrays.fill(big, head.length, big.length, (byte) '\n');
        // Highly compressible: a small zip that inflates beyond the limit.
        byte[] bomb = zip("libx.so/" + id + "/libx.so.sym", big);
        assertTrue(bomb.length < 10_000);
        UploadRejectedException tooBig = assertThrows(UploadRejectedException.class,
                () -> extract(bomb, new SymbolZip.Limits(100_000, 10)));
        assertEquals(413, tooBig.status());

        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            String one = freshDebugId();
            many.put("m" + i + "/" + one + "/m" + i + ".sym", tinySymbols("m" + i, one, "f"));
        }
        UploadRejectedException tooMany = assertThrows(UploadRejectedException.class,
                () -> extract(zip(many), new SymbolZip.Limits(1 << 20, 4)));
        assertEquals(413, tooMany.status());
    }

    @Test
    void pathProblemsAreNullForGoodNames() {
        assertNull(SymbolZip.pathProblem("libc.so.6/ABC0/libc.so.6.sym"));
        assertNull(SymbolZip.pathProblem("libc.so.6/"));
        assertNull(SymbolZip.pathProblem("name with spaces.pdb/ABC0/name with spaces.sym"));
    }
}
