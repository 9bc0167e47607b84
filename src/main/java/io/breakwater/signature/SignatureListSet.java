package io.breakwater.signature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The texts of the four list files as an operator edits them (comments and blank lines kept), so that a
 * set can be stored, shown, compared and turned into {@link SignatureLists}.
 */
public record SignatureListSet(String sentinels, String irrelevant, String prefix, String lineNumbers) {

    public SignatureListSet {
        sentinels = normalize(sentinels);
        irrelevant = normalize(irrelevant);
        prefix = normalize(prefix);
        lineNumbers = normalize(lineNumbers);
    }

    /** The lists Breakwater ships. */
    public static SignatureListSet defaults() {
        return new SignatureListSet(SignatureLists.readResource(SignatureLists.SENTINELS),
                SignatureLists.readResource(SignatureLists.IRRELEVANT),
                SignatureLists.readResource(SignatureLists.PREFIX),
                SignatureLists.readResource(SignatureLists.LINE_NUMBERS));
    }

    /** The four files of a directory; all must exist. */
    public static SignatureListSet fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SignatureListException("signature list directory " + dir + " does not exist or is not a directory");
        }
        return new SignatureListSet(SignatureLists.read(dir.resolve(SignatureLists.SENTINELS)),
                SignatureLists.read(dir.resolve(SignatureLists.IRRELEVANT)),
                SignatureLists.read(dir.resolve(SignatureLists.PREFIX)),
                SignatureLists.read(dir.resolve(SignatureLists.LINE_NUMBERS)));
    }

    /**
     * Parsed and validated lists.
     *
     * @throws SignatureListException naming {@code origin}, the file and the line of the first bad entry
     */
    public SignatureLists toLists(String origin) {
        return SignatureLists.fromTexts(sentinels, irrelevant, prefix, lineNumbers, origin);
    }

    /** The texts by file name ({@link SignatureLists#SENTINELS} ...), in a fixed order. */
    public Map<String, String> byFileName() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(SignatureLists.SENTINELS, sentinels);
        files.put(SignatureLists.IRRELEVANT, irrelevant);
        files.put(SignatureLists.PREFIX, prefix);
        files.put(SignatureLists.LINE_NUMBERS, lineNumbers);
        return files;
    }

    /** A set with {@code text} for the file {@code fileName} (one of the four names). */
    public SignatureListSet with(String fileName, String text) {
        return switch (Objects.requireNonNull(fileName)) {
            case SignatureLists.SENTINELS -> new SignatureListSet(text, irrelevant, prefix, lineNumbers);
            case SignatureLists.IRRELEVANT -> new SignatureListSet(sentinels, text, prefix, lineNumbers);
            case SignatureLists.PREFIX -> new SignatureListSet(sentinels, irrelevant, text, lineNumbers);
            case SignatureLists.LINE_NUMBERS -> new SignatureListSet(sentinels, irrelevant, prefix, text);
            default -> throw new SignatureListException("unknown signature list file: " + fileName);
        };
    }

    /** Size in UTF-8 bytes of the largest of the four texts. */
    public long largestFileBytes() {
        return byFileName().values().stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
    }

    /** Line endings unified, so a set uploaded from Windows compares equal to the same set typed in. */
    private static String normalize(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
