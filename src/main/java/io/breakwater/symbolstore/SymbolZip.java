package io.breakwater.symbolstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a symbol upload: a zip of {@code <debug_file>/<debug_id>/<name>.sym} files (Tecken's layout, also
 * under a top-level folder), or one {@code .sym} / {@code .sym.gz} file.
 * Every entry is checked and every file extracted to a staging directory before anything is published,
 * so a bad entry rejects the whole zip. Entry names come from the central directory (what unzip tools
 * show), not from local headers.
 */
public final class SymbolZip {

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    private static final Pattern DEBUG_ID = Pattern.compile("[0-9A-Za-z]{1,80}");
    private static final int FIRST_LINE_MAX = 4096;

    /** Bounds on one upload after decompression. */
    public record Limits(long maxUncompressedBytes, int maxEntries) {}

    /** A checked symbol file ready to publish. */
    public record ExtractedFile(String entry, SymbolKey key, String os, String cpu, Path file, long size,
                                String sha256) {}

    private SymbolZip() {}

    /**
     * Checks every entry of {@code zip} and extracts the symbol files into {@code stagingDir} (which the
     * caller deletes). Throws {@link UploadRejectedException} naming the first bad entry.
     */
    public static List<ExtractedFile> extract(Path zip, Path stagingDir, Limits limits)
            throws UploadRejectedException, IOException {
        ZipFile zipFile;
        try {
            zipFile = new ZipFile(zip.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new UploadRejectedException(400, "not a valid zip archive: " + e.getMessage(), null);
        }
        try (zipFile) {
            if (zipFile.size() > limits.maxEntries()) {
                throw new UploadRejectedException(413,
                        "zip has " + zipFile.size() + " entries, more than the limit of " + limits.maxEntries(), null);
            }
            List<ExtractedFile> files = new ArrayList<>();
            Map<SymbolKey, String> seen = new HashMap<>();
            long[] budget = {limits.maxUncompressedBytes()};
            Enumeration<? extends ZipEntry> entries = zipFile.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                String pathProblem = pathProblem(name);
                if (pathProblem != null) {
                    throw UploadRejectedException.badEntry(name, pathProblem);
                }
                if (entry.isDirectory()) {
                    continue; // directories carry nothing; their files are checked one by one
                }
                SymbolKey key = keyOf(name);
                String earlier = seen.putIfAbsent(key, name);
                if (earlier != null) {
                    throw UploadRejectedException.badEntry(name, "same symbol file as entry \""
                            + UploadRejectedException.printable(earlier) + "\"");
                }
                if (entry.getSize() > budget[0]) {
                    throw tooLarge(limits);
                }
                Path target = stagingDir.resolve("f" + files.size() + ".sym");
                files.add(extractOne(zipFile, entry, key, target, budget, limits));
            }
            if (files.isEmpty()) {
                throw new UploadRejectedException(400, "zip holds no .sym files", null);
            }
            return files;
        } catch (ZipException e) {
            throw new UploadRejectedException(400, "not a valid zip archive: " + e.getMessage(), null);
        }
    }

    private static ExtractedFile extractOne(ZipFile zip, ZipEntry entry, SymbolKey key, Path target,
                                            long[] budget, Limits limits)
            throws IOException, UploadRejectedException {
        try (InputStream in = zip.getInputStream(entry)) {
            return readSym(entry.getName(), in, key, target, budget, limits);
        } catch (ZipException e) {
            throw UploadRejectedException.badEntry(entry.getName(), "cannot be decompressed: " + e.getMessage());
        }
    }

    /**
     * One symbol file that is not in a zip ({@code .sym}, or {@code .sym.gz} when {@code gzipped}): its key
     * comes from its MODULE line, as Breakpad's symupload does it. {@code name} is for messages.
     */
    public static ExtractedFile extractSingle(Path file, String name, boolean gzipped, Path stagingDir, Limits limits)
            throws UploadRejectedException, IOException {
        long[] budget = {limits.maxUncompressedBytes()};
        Path target = stagingDir.resolve("f0.sym");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzipped ? new java.util.zip.GZIPInputStream(raw, 64 * 1024) : raw) {
            return readSym(name, in, null, target, budget, limits);
        } catch (ZipException e) {
            throw UploadRejectedException.badEntry(name, "cannot be decompressed (gzip): " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw UploadRejectedException.badEntry(name, "is cut short (gzip stream ends early)");
        }
    }

    /** Copies one symbol file to {@code target} while checking it; {@code key} null means "take it from MODULE". */
    private static ExtractedFile readSym(String name, InputStream in, SymbolKey key, Path target, long[] budget,
                                         Limits limits) throws IOException, UploadRejectedException {
        MessageDigest sha256 = sha256();
        byte[] head = new byte[FIRST_LINE_MAX];
        int headLength = 0;
        long size = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                size += n;
                if (size > budget[0]) {
                    throw tooLarge(limits);
                }
                if (headLength < head.length) {
                    int take = Math.min(n, head.length - headLength);
                    System.arraycopy(buf, 0, head, headLength, take);
                    headLength += take;
                }
                sha256.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        budget[0] -= size;
        if (size == 0) {
            throw UploadRejectedException.badEntry(name, "empty file");
        }
        String[] module = moduleLine(name, head, headLength);
        if (key == null) {
            String debugFile = module[4];
            String problem = SymbolKey.debugFileProblem(debugFile);
            if (problem != null) {
                throw UploadRejectedException.badEntry(name, "MODULE line names a debug file that cannot be stored: "
                        + problem);
            }
            key = new SymbolKey(debugFile, module[3].toUpperCase(java.util.Locale.ROOT));
        }
        if (!module[3].equalsIgnoreCase(key.debugId())) {
            throw UploadRejectedException.badEntry(name, "MODULE line has debug id " + module[3]
                    + " but the path says " + key.debugId());
        }
        if (!module[4].equals(key.debugFile())) {
            throw UploadRejectedException.badEntry(name, "MODULE line has debug file \""
                    + UploadRejectedException.printable(module[4]) + "\" but the path says \"" + key.debugFile() + "\"");
        }
        return new ExtractedFile(name, key, module[1], module[2], target, size,
                HexFormat.of().formatHex(sha256.digest()));
    }

    /** The MODULE record's fields {@code MODULE os cpu id name}; the name is the rest of the line. */
    private static String[] moduleLine(String entry, byte[] head, int length) throws UploadRejectedException {
        int end = 0;
        while (end < length && head[end] != '\n') {
            end++;
        }
        if (end == length && length == head.length) {
            throw UploadRejectedException.badEntry(entry, "first line is not a MODULE record (longer than "
                    + FIRST_LINE_MAX + " bytes)");
        }
        String line = new String(head, 0, end, StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        String[] fields = line.split(" ", 5);
        if (fields.length < 5 || !fields[0].equals("MODULE") || fields[4].isEmpty()
                || !DEBUG_ID.matcher(fields[3]).matches()) {
            String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
            throw UploadRejectedException.badEntry(entry, "first line is not a MODULE record: \""
                    + UploadRejectedException.printable(shown) + "\"");
        }
        return fields;
    }

    /** Why an entry name is unsafe or unusable as a path, or null. Applies to directories too. */
    static String pathProblem(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "control character in path";
            }
        }
        if (name.startsWith("/") || name.startsWith("\\")) {
            return "absolute path";
        }
        if (DRIVE_LETTER.matcher(name).matches()) {
            return "absolute path (drive letter)";
        }
        if (name.indexOf('\\') >= 0) {
            return "backslash in path (zip paths use /)";
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.equals("..")) {
                return "path leaves the archive (..)";
            }
        }
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                return "empty or '.' path segment";
            }
        }
        return null;
    }

    /**
     * The symbol key a (path-safe) file entry names: {@code <debug_file>/<debug_id>/<name>.sym}, possibly
     * under folders (Electron's {@code breakpad_symbols/}, a build's {@code symbols/}), which are ignored.
     */
    static SymbolKey keyOf(String name) throws UploadRejectedException {
        if (!name.endsWith(".sym")) {
            throw UploadRejectedException.badEntry(name, "not a .sym file");
        }
        String[] all = name.split("/", -1);
        if (all.length < 3) {
            throw UploadRejectedException.badEntry(name, "expected <debug_file>/<debug_id>/<name>.sym");
        }
        String[] parts = java.util.Arrays.copyOfRange(all, all.length - 3, all.length);
        String fileProblem = SymbolKey.debugFileProblem(parts[0]);
        if (fileProblem != null) {
            throw UploadRejectedException.badEntry(name, fileProblem);
        }
        if (!DEBUG_ID.matcher(parts[1]).matches()) {
            throw UploadRejectedException.badEntry(name, "debug id \"" + parts[1] + "\" is not 1-80 letters or digits");
        }
        SymbolKey key = new SymbolKey(parts[0], parts[1]);
        if (!parts[2].equals(key.symbolFileName())) {
            throw UploadRejectedException.badEntry(name, "file name should be " + key.symbolFileName()
                    + " for debug file " + key.debugFile());
        }
        return key;
    }

    private static UploadRejectedException tooLarge(Limits limits) {
        return new UploadRejectedException(413, "symbol files exceed the limit of "
                + limits.maxUncompressedBytes() + " uncompressed bytes per upload", null);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm", e);
        }
    }
}
