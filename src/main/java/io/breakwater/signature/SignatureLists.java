package io.breakwater.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The four editable lists of C/C++/Rust signature generation, in Socorro's siglist format: one entry per
 * line, surrounding whitespace ignored, blank lines and lines starting with {@code #} skipped.
 *
 * <ul>
 *   <li>{@value #SENTINELS}: exact normalized frames; the walk starts at the first one found.</li>
 *   <li>{@value #IRRELEVANT}, {@value #PREFIX}, {@value #LINE_NUMBERS}: regular expressions. As in Socorro,
 *       the lines of a file are joined with {@code |} into one expression that must match at the
 *       start of a normalized frame (Python {@code re.match}, Java {@code lookingAt}); it need not match
 *       the whole frame, so end a line with {@code $} to pin it.</li>
 * </ul>
 *
 * Every line (sentinels too, as Socorro does) must compile as a regex; the error names file and line.
 * The few Python-only spellings ({@code (?P<name>…)}, {@code (?P=name)}, {@code \Z}, a literal
 * {@code {} that starts no repetition) are translated to Java. An empty list matches nothing.
 */
public final class SignatureLists {

    public static final String SENTINELS = "signature_sentinels.txt";
    public static final String IRRELEVANT = "irrelevant_signature_re.txt";
    public static final String PREFIX = "prefix_signature_re.txt";
    public static final String LINE_NUMBERS = "signatures_with_line_numbers_re.txt";

    /** Classpath folder of the lists Breakwater ships. */
    public static final String DEFAULTS_RESOURCE_DIR = "signature-lists/";

    /** Upper bound for one list file; real lists are a few tens of KiB. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /**
     * A sentinel frame. With a condition, it only counts when the condition holds for the whole list of
     * normalized frames (Socorro's tuple sentinels; these cannot be written in a list file).
     */
    public record Sentinel(String frame, Predicate<List<String>> condition) {

        public static Sentinel of(String frame) {
            return new Sentinel(frame, null);
        }

        public boolean applies(List<String> frames) {
            return condition == null || condition.test(frames);
        }
    }

    /** The regex lines of one list and their combined expression. */
    public static final class RegexList {
        private final List<String> lines;
        private final Pattern combined;

        RegexList(List<String> lines) {
            this.lines = List.copyOf(lines);
            this.combined = lines.isEmpty() ? null : Pattern.compile(String.join("|", lines));
        }

        /** True when the combined expression matches at the start of {@code frame}. */
        public boolean matches(String frame) {
            if (combined == null) {
                return false;
            }
            Matcher m = combined.matcher(frame);
            return m.lookingAt();
        }

        /** The lines in Java regex syntax. */
        public List<String> lines() {
            return lines;
        }
    }

    private final List<Sentinel> sentinels;
    private final RegexList irrelevant;
    private final RegexList prefix;
    private final RegexList lineNumbers;
    private final String source;

    private SignatureLists(List<Sentinel> sentinels, RegexList irrelevant, RegexList prefix,
                           RegexList lineNumbers, String source) {
        this.sentinels = List.copyOf(sentinels);
        this.irrelevant = irrelevant;
        this.prefix = prefix;
        this.lineNumbers = lineNumbers;
        this.source = source;
    }

    /** Lists given directly (tests, programmatic use); regex lines are validated like file lines. */
    public static SignatureLists of(List<Sentinel> sentinels, List<String> irrelevant, List<String> prefix,
                                    List<String> lineNumbers) {
        return new SignatureLists(sentinels,
                regexList(irrelevant, IRRELEVANT), regexList(prefix, PREFIX), regexList(lineNumbers, LINE_NUMBERS),
                "given lists");
    }

    /** Loads the four files from {@code dir}; all four must exist. */
    public static SignatureLists fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SignatureListException("signature list directory " + dir + " does not exist or is not a directory");
        }
        List<Sentinel> sentinels = parseSentinels(read(dir.resolve(SENTINELS)), dir.resolve(SENTINELS).toString());
        return new SignatureLists(sentinels,
                new RegexList(parse(read(dir.resolve(IRRELEVANT)), dir.resolve(IRRELEVANT).toString())),
                new RegexList(parse(read(dir.resolve(PREFIX)), dir.resolve(PREFIX).toString())),
                new RegexList(parse(read(dir.resolve(LINE_NUMBERS)), dir.resolve(LINE_NUMBERS).toString())),
                "signature lists from " + dir);
    }

    /**
     * Lists from the texts of the four files (an edited set, a stored version); errors name
     * {@code origin} and the file and line at fault.
     */
    public static SignatureLists fromTexts(String sentinels, String irrelevant, String prefix, String lineNumbers,
                                           String origin) {
        return new SignatureLists(parseSentinels(sentinels, origin + " " + SENTINELS),
                new RegexList(parse(irrelevant, origin + " " + IRRELEVANT)),
                new RegexList(parse(prefix, origin + " " + PREFIX)),
                new RegexList(parse(lineNumbers, origin + " " + LINE_NUMBERS)),
                origin);
    }

    /** The lists Breakwater ships (classpath {@value #DEFAULTS_RESOURCE_DIR}). */
    public static SignatureLists defaults() {
        return Defaults.INSTANCE;
    }

    private static final class Defaults {
        static final SignatureLists INSTANCE = loadDefaults();
    }

    private static SignatureLists loadDefaults() {
        List<Sentinel> sentinels = parseSentinels(readResource(SENTINELS), "classpath:" + DEFAULTS_RESOURCE_DIR + SENTINELS);
        return new SignatureLists(sentinels,
                new RegexList(parse(readResource(IRRELEVANT), "classpath:" + DEFAULTS_RESOURCE_DIR + IRRELEVANT)),
                new RegexList(parse(readResource(PREFIX), "classpath:" + DEFAULTS_RESOURCE_DIR + PREFIX)),
                new RegexList(parse(readResource(LINE_NUMBERS), "classpath:" + DEFAULTS_RESOURCE_DIR + LINE_NUMBERS)),
                "included signature lists");
    }

    public List<Sentinel> sentinels() {
        return sentinels;
    }

    public RegexList irrelevant() {
        return irrelevant;
    }

    public RegexList prefix() {
        return prefix;
    }

    public RegexList lineNumbers() {
        return lineNumbers;
    }

    /** Where the lists came from, for the debug log. */
    public String source() {
        return source;
    }

    private static RegexList regexList(List<String> lines, String name) {
        List<String> translated = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            translated.add(compileLine(lines.get(i).strip(), name, i + 1));
        }
        return new RegexList(translated);
    }

    /** Parses regex list text: returns the entries in Java regex syntax, validating each. */
    static List<String> parse(String text, String fileName) {
        List<String> entries = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            entries.add(compileLine(line, fileName, i + 1));
        }
        return entries;
    }

    /** Sentinels are compared verbatim; Socorro still insists that each line compiles as a regex. */
    static List<Sentinel> parseSentinels(String text, String fileName) {
        List<Sentinel> entries = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            compileLine(line, fileName, i + 1);
            entries.add(Sentinel.of(line));
        }
        return entries;
    }

    private static String compileLine(String line, String fileName, int lineNumber) {
        String java = PythonRegex.toJava(line);
        try {
            Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw new SignatureListException("invalid regular expression in " + fileName + " line " + lineNumber
                    + ": " + line + " (" + e.getDescription() + ")", e);
        }
        return java;
    }

    static String read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new SignatureListException("signature list " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return decode(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new SignatureListException("signature list " + file + " is missing", e);
        } catch (IOException e) {
            throw new SignatureListException("cannot read signature list " + file + ": " + e.getMessage(), e);
        }
    }

    static String readResource(String name) {
        try (InputStream in = SignatureLists.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE_DIR + name)) {
            if (in == null) {
                throw new SignatureListException("default signature list " + DEFAULTS_RESOURCE_DIR + name + " is not on the classpath");
            }
            return decode(in.readNBytes((int) MAX_FILE_BYTES), "classpath:" + DEFAULTS_RESOURCE_DIR + name);
        } catch (IOException e) {
            throw new SignatureListException("cannot read default signature list " + name + ": " + e.getMessage(), e);
        }
    }

    static String decode(byte[] bytes, String fileName) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SignatureListException("signature list " + fileName + " is not valid UTF-8", e);
        }
    }
}
