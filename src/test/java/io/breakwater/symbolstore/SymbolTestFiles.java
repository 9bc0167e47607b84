package io.breakwater.symbolstore;

import io.breakwater.testsupport.Corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Symbol files and zips for tests, built at run time from the shared corpus (never copied into the repo). */
public final class SymbolTestFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SymbolTestFiles() {}

    /** A corpus symbol file under {@code generated/symbols}. */
    public record CorpusSymbol(SymbolKey key, Path file) {
        public String entryName() {
            return key.objectKey();
        }

        public byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every {@code .sym} of the generated corpus, as {@code <debug_file>/<debug_id>/<name>.sym}. */
    public static List<CorpusSymbol> corpusSymbols() {
        Path root = Corpus.root().resolve("generated").resolve("symbols");
        List<CorpusSymbol> out = new ArrayList<>();
        try (Stream<Path> files = Files.find(root, 3, (p, a) -> a.isRegularFile() && p.toString().endsWith(".sym"))) {
            files.sorted().forEach(f -> {
                Path rel = root.relativize(f);
                out.add(new CorpusSymbol(new SymbolKey(rel.getName(0).toString(), rel.getName(1).toString()), f));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static CorpusSymbol corpusSymbol(String debugFile) {
        return corpusSymbols().stream().filter(s -> s.key().debugFile().equals(debugFile)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no corpus symbols for " + debugFile));
    }

    /** A debug id no one has used: 32 random hex digits and an age of 0. */
    public static String freshDebugId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b) + "0";
    }

    /**
     * The text of {@code source} with its MODULE line rewritten to name {@code debugFile}/{@code debugId};
     * every other record is kept, so the file resolves the same addresses.
     */
    public static byte[] withModule(CorpusSymbol source, String debugFile, String debugId) {
        String text = new String(source.bytes(), StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        String[] fields = text.substring(0, eol).split(" ", 5);
        String module = "MODULE " + fields[1] + " " + fields[2] + " " + debugId + " " + debugFile;
        return (module + text.substring(eol)).getBytes(StandardCharsets.UTF_8);
    }

    /** A small symbol file with one FUNC and one line record. */
    public static byte[] tinySymbols(String debugFile, String debugId, String function) {
        return ("MODULE Linux x86_64 " + debugId + " " + debugFile + "\n"
                + "FILE 0 /src/" + function + ".c\n"
                + "FUNC 1000 20 0 " + function + "\n"
                + "1000 20 7 0\n"
                + "PUBLIC 2000 0 " + function + "_public\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A zip of the given entries, in order; a null value makes a directory entry. */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() != null) {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] zip(String name, byte[] content) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(name, content);
        return zip(m);
    }
}
