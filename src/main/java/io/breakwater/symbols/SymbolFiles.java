package io.breakwater.symbols;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Loads one symbol file from disk, plain or gzip-compressed (recognised by its magic bytes). */
public final class SymbolFiles {

    private SymbolFiles() {}

    /** Parses {@code file}; I/O problems become CORRUPT (or MISSING when the file vanished). */
    public static SymbolSupplier.SymbolResult load(Path file) {
        try {
            return parse(file).toSymbolResult();
        } catch (NoSuchFileException gone) {
            return new SymbolSupplier.SymbolResult(SymbolSupplier.Status.MISSING, null, "no such file " + file);
        } catch (IOException e) {
            return SymbolSupplier.SymbolResult.corrupt("cannot read " + file + ": " + e);
        }
    }

    public static SymbolParseResult parse(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return BreakpadSymbolParser.parse(in);
        }
    }

    /** The symbol text of {@code file}, decompressing gzip transparently. */
    public static InputStream open(Path file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 2);
        try {
            byte[] magic = new byte[2];
            int n = in.readNBytes(magic, 0, 2);
            in.unread(magic, 0, n);
            if (n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return new GZIPInputStream(in, 1 << 16);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
