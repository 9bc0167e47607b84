package io.breakwater.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.symbols.SymbolSupplier.Status;
import io.breakwater.symbols.SymbolSupplier.SymbolResult;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySymbolSupplierTest {

    @TempDir
    Path tmp;

    private static final String ID = "5A9832E5287241C1838ED98914E9B7FF1";

    private static String sym(String file, String function) {
        return "MODULE windows x86 " + ID + " " + file + "\nFUNC 1000 10 0 " + function + "\n";
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void writeGz(Path file, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    @Test
    void symbolServerLayoutStripsPdbOnly() throws Exception {
        Path root = tmp.resolve("root");
        write(root.resolve("test_app.pdb").resolve(ID).resolve("test_app.sym"), sym("test_app.pdb", "from_pdb"));
        write(root.resolve("libc.so.6").resolve(ID).resolve("libc.so.6.sym"), sym("libc.so.6", "from_so"));
        DirectorySymbolSupplier s = new DirectorySymbolSupplier(root);
        SymbolResult pdb = s.locate("test_app.pdb", ID);
        assertEquals(Status.LOADED, pdb.status());
        assertEquals("from_pdb", pdb.symbols().function(0x1000).name());
        assertEquals("from_so", s.locate("libc.so.6", ID).symbols().function(0x1000).name());
        assertEquals("from_pdb", s.locate("c:\\build\\out\\test_app.pdb", ID).symbols().function(0x1000).name(),
                "a Windows path is reduced to its base name");
        assertEquals("from_so", s.locate("/lib/x86_64-linux-gnu/libc.so.6", ID).symbols().function(0x1000).name());
        assertEquals(Status.LOADED, s.locate("test_app.pdb", ID.toLowerCase()).status(), "ids are upper-case on disk");
    }

    @Test
    void missingAndUnsafeNamesAreMissing() throws Exception {
        Path root = tmp.resolve("root");
        write(root.resolve("a.so").resolve(ID).resolve("a.so.sym"), sym("a.so", "f"));
        DirectorySymbolSupplier s = new DirectorySymbolSupplier(root);
        SymbolResult missing = s.locate("b.so", ID);
        assertEquals(Status.MISSING, missing.status());
        assertNull(missing.symbols());
        assertNotNull(missing.detail());
        assertEquals(Status.MISSING, s.locate("a.so", "0000").status());
        assertEquals(Status.MISSING, s.locate("..", ID).status());
        assertEquals(Status.MISSING, s.locate("a.so", "../" + ID).status());
        assertEquals(Status.MISSING, s.locate("a.so", "").status());
        assertEquals(Status.MISSING, s.locate("", ID).status());
        assertEquals(Status.MISSING, s.locate(null, ID).status());
        assertEquals(Status.MISSING, s.locate("a.so", null).status());
        assertEquals(Status.MISSING, s.locate("a\0.so", ID).status());
    }

    @Test
    void firstRootWinsAndGzipIsAccepted() throws Exception {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        write(second.resolve("x.so").resolve(ID).resolve("x.so.sym"), sym("x.so", "second_plain"));
        writeGz(first.resolve("x.so").resolve(ID).resolve("x.so.sym.gz"), sym("x.so", "first_gz").getBytes(StandardCharsets.UTF_8));
        write(second.resolve("y.so").resolve(ID).resolve("y.so.sym"), sym("y.so", "only_second"));
        DirectorySymbolSupplier s = new DirectorySymbolSupplier(first, second);
        assertEquals("first_gz", s.locate("x.so", ID).symbols().function(0x1000).name());
        assertEquals("only_second", s.locate("y.so", ID).symbols().function(0x1000).name());
        // A .sym that is really gzip data is recognised by its magic bytes.
        writeGz(first.resolve("z.so").resolve(ID).resolve("z.so.sym"), sym("z.so", "sniffed").getBytes(StandardCharsets.UTF_8));
        assertEquals("sniffed", s.locate("z.so", ID).symbols().function(0x1000).name());
    }

    @Test
    void brokenFilesAreCorruptWithAReason() throws Exception {
        Path root = tmp.resolve("root");
        write(root.resolve("bad.so").resolve(ID).resolve("bad.so.sym"), "MODULE Linux x86 0 bad.so\nFUNC 1000\n");
        byte[] gz = gzip(sym("t.so", "f").repeat(50).getBytes(StandardCharsets.UTF_8));
        Path truncated = root.resolve("t.so").resolve(ID).resolve("t.so.sym.gz");
        Files.createDirectories(truncated.getParent());
        Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
        DirectorySymbolSupplier s = new DirectorySymbolSupplier(root);
        SymbolResult bad = s.locate("bad.so", ID);
        assertEquals(Status.CORRUPT, bad.status());
        assertTrue(bad.detail().contains("FUNC"), bad.detail());
        SymbolResult cut = s.locate("t.so", ID);
        assertEquals(Status.CORRUPT, cut.status());
        assertTrue(cut.detail().startsWith("cannot read"), cut.detail());
    }

    @Test
    void corpusSymbolDirectories() {
        Path corpus = CorpusFiles.requireRoot();
        DirectorySymbolSupplier s = new DirectorySymbolSupplier(
                corpus.resolve("generated/symbols"), corpus.resolve("breakpad/processor-testdata/symbols"));
        SymbolResult app = s.locate("c:\\test_app.pdb", "5A9832E5287241C1838ED98914E9B7FF1");
        assertEquals(Status.LOADED, app.status());
        assertEquals("test_app.pdb", app.symbols().module().debugFile());
        SymbolResult libc = s.locate("libc.so.6", "EC61AC938E5A39B16F9FBD350E3169A50");
        assertEquals(Status.LOADED, libc.status());
        assertEquals("EC61AC938E5A39B16F9FBD350E3169A50", libc.symbols().module().debugId());
        assertEquals(Status.MISSING, s.locate("linux_inline", "BBA6FA10B8AAB33D00000000000000000").status(),
                "the .old/.new variants are not at the plain name");
    }

    private static byte[] gzip(byte[] data) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
